// session_qr.h — a QR code as inline SVG (libqrencode), for the projector and the printed record.
#pragma once

#include <string>
#include <string_view>

#include "fairdraw/result.h"

namespace fairdraw::cli {

// The text in byte mode at error correction level M, as an SVG of black
// squares on white with the standard four-module quiet zone, sized by its
// viewBox (the page chooses the size).
Result<std::string> qr_svg(std::string_view text);

}  // namespace fairdraw::cli
