// session_assets.h — the session's web pages, compiled into the binary.
//
// Everything a browser loads comes from here: three small HTML pages, one
// script and one style sheet, no fonts, images or scripts from elsewhere
// (the pages' Content-Security-Policy forbids it), so a room without internet
// access sees the same pages. The pages render /api/state with textContent
// only; nothing typed is ever parsed as HTML.
#pragma once

#include <string_view>

namespace fairdraw::cli {

std::string_view projector_page();  // read-only, large type, for the wall
std::string_view operator_page();   // values, draw, reveal (the actions need the token)
std::string_view record_page();     // the A4 session record (现场抽取记录) with signature lines
std::string_view session_script();
std::string_view session_style();

}  // namespace fairdraw::cli
