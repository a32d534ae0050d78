// QR codes as SVG, drawn server-side so that the pages load nothing from elsewhere.
#include "session_qr.h"

#include <qrencode.h>

#include <memory>

namespace fairdraw::cli {

Result<std::string> qr_svg(std::string_view text) {
    const std::string data(text);
    std::unique_ptr<QRcode, void (*)(QRcode*)> code(
        QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
    if (!code) return Error::environment("the QR code could not be made (libqrencode failed)");
    const int width = code->width;
    const int quiet = 4;
    const int size = width + 2 * quiet;
    std::string path;
    for (int y = 0; y < width; ++y)
        for (int x = 0; x < width; ++x)
            if (code->data[y * width + x] & 1)
                path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
           std::to_string(size) + "\" shape-rendering=\"crispEdges\"><rect width=\"" +
           std::to_string(size) + "\" height=\"" + std::to_string(size) +
           "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace fairdraw::cli
