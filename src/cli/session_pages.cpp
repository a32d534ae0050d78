// The session's HTML pages (see session_assets.h). Each is a shell that
// session.js fills from /api/state.
#include "session_assets.h"

namespace fairdraw::cli {

std::string_view projector_page() {
    return R"HTML(<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>现场抽取 Live draw</title><link rel="stylesheet" href="/session.css"></head>
<body data-page="projector" class="projector">
<header><h1>“双随机、一公开” 现场抽取 <span class="en">Live public draw</span></h1>
<p id="phase-line" class="phase"></p></header>
<main id="view"><p>正在载入… Loading…</p></main>
<script src="/session.js"></script>
</body></html>
)HTML";
}

std::string_view operator_page() {
    return R"HTML(<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>操作员 Operator</title><link rel="stylesheet" href="/session.css"></head>
<body data-page="operator" class="operator">
<header><h1>操作员页面 <span class="en">Operator page</span></h1>
<p id="phase-line" class="phase"></p></header>
<section id="controls">
<h2>录入随机源数值 <span class="en">Enter the sources' values</span></h2>
<p class="hint">见证人读出数值，操作员录入并确认；投影同步显示。
<span class="en">A witness reads the value aloud; type it and confirm. The projector shows it as typed.</span></p>
<form id="values" autocomplete="off"></form>
<p id="message" role="status"></p>
<p class="buttons">
<button type="button" id="draw">开始抽取 <span class="en">Draw</span></button>
<button type="button" id="reveal">揭示下一家 <span class="en">Reveal next</span></button>
<button type="button" id="reveal-all">全部揭示 <span class="en">Reveal all</span></button>
<a id="record-link" href="/record" target="_blank">打印现场抽取记录 <span class="en">Print the session record</span></a>
</p>
</section>
<main id="view"></main>
<script src="/session.js"></script>
</body></html>
)HTML";
}

std::string_view record_page() {
    return R"HTML(<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8">
<title>现场抽取记录 Session record</title><link rel="stylesheet" href="/session.css"></head>
<body data-page="record" class="record">
<p class="noprint"><button type="button" id="print">打印 <span class="en">Print</span></button></p>
<header><h1>现场抽取记录 <span class="en">Session record</span></h1>
<p id="phase-line" class="phase"></p></header>
<main id="view"></main>
<section id="signatures"><h2>签名 <span class="en">Signatures</span></h2><div id="signature-lines"></div></section>
<script src="/session.js"></script>
</body></html>
)HTML";
}

}  // namespace fairdraw::cli
