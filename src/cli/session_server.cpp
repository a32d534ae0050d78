// The HTTP layer of the live session: static pages, a polled state, token-guarded actions.
#include "session_server.h"

#include <httplib.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <iostream>
#include <mutex>

#include "fairdraw/bytes.h"
#include "session_assets.h"
#include "session_qr.h"
#include "session_state.h"

namespace fairdraw::cli {

namespace {

constexpr const char* k_token_header = "X-Fairdraw-Token";
constexpr std::size_t k_max_typing = 1024;

struct Server {
    Workspace& ws;
    Session& session;
    std::string token;
    std::mutex mutex;  // around ws, session, view and typing
    SessionView view;
    Typing typing;
};

bool token_ok(const Server& s, const std::string& given) {
    return given.size() == s.token.size() &&
           CRYPTO_memcmp(given.data(), s.token.data(), s.token.size()) == 0;
}

void send_json(httplib::Response& res, int status, const Json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const Error& e) {
    Json problems = Json::array();
    for (const auto& p : e.details) problems.push_back(p.render());
    send_json(res, status, {{"error", e.message}, {"hint", e.hint}, {"problems", problems}});
}

void send_page(httplib::Response& res, std::string_view html) {
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                   "connect-src 'self'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::string(html), "text/html; charset=utf-8");
}

// The body of an action: a JSON object, or a 400.
std::optional<Json> body_object(const httplib::Request& req, httplib::Response& res) {
    Json body = Json::parse(req.body.empty() ? std::string("{}") : req.body, nullptr, false);
    if (!body.is_object()) {
        send_error(res, 400, Error::bad_input("the request body is not a JSON object"));
        return std::nullopt;
    }
    return body;
}

std::optional<std::string> string_member(const Json& body, const char* name, httplib::Response& res) {
    if (!body.contains(name) || !body[name].is_string()) {
        send_error(res, 400, Error::bad_input(std::string("the request needs a string '") + name + "'"));
        return std::nullopt;
    }
    return body[name].get<std::string>();
}

// Refreshes what the pages show after a change; the caller holds the mutex.
Status refresh(Server& s) {
    FD_ASSIGN(s.view, session_view(s.ws, s.session));
    return {};
}

void register_routes(httplib::Server& http, Server& s) {
    http.Get("/", [](const httplib::Request&, httplib::Response& res) { send_page(res, projector_page()); });
    http.Get("/record", [](const httplib::Request&, httplib::Response& res) { send_page(res, record_page()); });
    http.Get("/operator", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!token_ok(s, req.get_param_value("token"))) {
            res.status = 403;
            res.set_content("403: the operator page needs the token printed in the terminal\n",
                            "text/plain; charset=utf-8");
            return;
        }
        send_page(res, operator_page());
    });
    http.Get("/session.js", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_content(std::string(session_script()), "text/javascript; charset=utf-8");
    });
    http.Get("/session.css", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_content(std::string(session_style()), "text/css; charset=utf-8");
    });
    http.Get("/api/state", [&s](const httplib::Request&, httplib::Response& res) {
        std::lock_guard lock(s.mutex);
        res.set_header("Cache-Control", "no-store");
        send_json(res, 200, session_state(s.session, s.view, s.typing));
    });
    http.Get("/api/qr.svg", [&s](const httplib::Request&, httplib::Response& res) {
        std::lock_guard lock(s.mutex);
        const auto& r = s.session.result();
        if (!r || s.session.revealed() < r->selected.size() || s.view.verification.empty()) {
            res.status = 404;
            res.set_content("404: no verification data before the whole result is revealed\n", "text/plain");
            return;
        }
        auto svg = qr_svg(s.view.verification);
        if (!svg) return send_error(res, 500, svg.error());
        res.set_header("Cache-Control", "no-store");
        res.set_content(*svg, "image/svg+xml");
    });

    // Every POST needs the token; checked before anything else is read.
    http.set_pre_routing_handler([&s](const httplib::Request& req, httplib::Response& res) {
        if (req.method != "GET" && req.method != "HEAD" && !token_ok(s, req.get_header_value(k_token_header))) {
            send_json(res, 403, {{"error", "only the operator can change the session (token missing or wrong)"}});
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });

    http.Post("/api/typing", [&s](const httplib::Request& req, httplib::Response& res) {
        auto body = body_object(req, res);
        if (!body) return;
        auto source = string_member(*body, "source", res);
        if (!source) return;
        auto text = string_member(*body, "text", res);
        if (!text) return;
        std::lock_guard lock(s.mutex);
        bool known = false;
        for (const auto& src : s.session.sources()) known = known || src.name == *source;
        if (!known || s.session.phase() != SessionPhase::collecting || text->size() > k_max_typing)
            return send_error(res, 400, Error::bad_input("not shown: unknown source, too long, or drawn"));
        // A secret is shown only once it is confirmed (it is then revealed anyway).
        std::string shown = *text;
        for (const auto& src : s.session.sources())
            if (src.name == *source && src.kind == "secret") shown = std::string(text->size(), '*');
        if (text->empty()) s.typing.erase(*source); else s.typing[*source] = shown;
        send_json(res, 200, {{"ok", true}});
    });
    http.Post("/api/value", [&s](const httplib::Request& req, httplib::Response& res) {
        auto body = body_object(req, res);
        if (!body) return;
        auto source = string_member(*body, "source", res);
        if (!source) return;
        auto value = string_member(*body, "value", res);
        if (!value) return;
        std::lock_guard lock(s.mutex);
        auto canonical = s.session.enter_value(s.ws, *source, *value);
        if (!canonical) return send_error(res, canonical.error().kind == ErrorKind::bad_input ? 422 : 500,
                                          canonical.error());
        s.typing.erase(*source);
        send_json(res, 200, {{"source", *source}, {"canonical", *canonical}});
    });
    http.Post("/api/draw", [&s](const httplib::Request&, httplib::Response& res) {
        std::lock_guard lock(s.mutex);
        const Status drawn = s.session.draw_now(s.ws);
        if (!drawn) return send_error(res, drawn.error().kind == ErrorKind::bad_input ? 422 : 500, drawn.error());
        s.typing.clear();
        if (auto r = refresh(s); !r) return send_error(res, 500, r.error());
        send_json(res, 200, session_state(s.session, s.view, s.typing));
    });
    http.Post("/api/reveal", [&s](const httplib::Request& req, httplib::Response& res) {
        auto body = body_object(req, res);
        if (!body) return;
        const bool all = body->value("all", false);
        std::lock_guard lock(s.mutex);
        if (!s.session.result())
            return send_error(res, 422, Error::bad_input("nothing to reveal: the draw is not made"));
        const std::size_t shown = s.session.reveal(all ? 0 : 1);
        send_json(res, 200, {{"revealed", shown}});
    });
}

std::string random_token() {
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) return {};
    return to_hex(ByteView(bytes, sizeof bytes));
}

}  // namespace

Status serve_session(Workspace& workspace, Session& session, const ServerOptions& options) {
    Server s{workspace, session, random_token(), {}, {}, {}};
    if (s.token.empty()) return Error::environment("no random bytes for the operator token (OpenSSL RAND_bytes)");
    FD_TRY(refresh(s));

    httplib::Server http;
    http.set_payload_max_length(k_max_request);
    http.set_keep_alive_max_count(100);
    register_routes(http, s);
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send_json(res, 500, {{"error", "internal error"}});
    });

    int port = options.port;
    if (port == 0) {
        port = http.bind_to_any_port(options.bind);
        if (port < 0) return Error::environment("cannot listen on " + options.bind + " (any port)");
    } else if (!http.bind_to_port(options.bind, port)) {
        return Error::environment("cannot listen on " + options.bind + ":" + std::to_string(port),
                                  "the port may be in use: choose another with --port, or --port 0");
    }
    const std::string host = options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind;
    const std::string base = "http://" + host + ":" + std::to_string(port);
    std::cout << "projector: " << base << "/\n"
              << "operator:  " << base << "/operator?token=" << s.token << "\n"
              << "record:    " << base << "/record\n"
              << "The operator page needs the token above; keep this terminal out of view.\n"
              << std::flush;
    if (!http.listen_after_bind())
        return Error::environment("the session server stopped listening on " + base);
    return {};
}

}  // namespace fairdraw::cli
