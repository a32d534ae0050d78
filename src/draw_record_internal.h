// draw_record_internal.h — what the draw and the substitution share when they record.
#pragma once

#include <span>
#include <string>

#include "draw_store.h"
#include "fairdraw/draw_record.h"

namespace fairdraw::detail {

// How a typed value enters a log entry: as typed, except a secret (or a chain
// link), a text that is not UTF-8 and a very long text, which are recorded as
// "sha256:<hex of the bytes typed>", so that a refused attempt never
// publishes a secret or anything close to it.
std::string logged_value(std::string_view typed, bool secret);
// [[name, logged value]...] in the order given.
Json logged_values(const StoredAnnouncement& announcement, std::span<const TypedValue> values);

// Records a refusal ("draw.refused") in its own change and returns the error
// to give the caller: `why`, saying which log entry recorded it.
Error record_refusal(Workspace& workspace, const Error& why, Json payload);
// Text with every byte that is not part of valid UTF-8 replaced by U+FFFD
// (error messages may quote a part of what was typed).
std::string loggable_text(std::string_view text);
// The payload's problems: the error's message and each problem rendered.
Json refusal_details(const Error& why);

Result<StoredDraw> stored_draw(SQLite::Database& db, const DrawRow& row);
struct LoadedDirectories;
// Labels of `codes` and every inspector from directories already loaded.
DrawLabels labels_from(const LoadedDirectories& loaded, std::span<const std::string> codes);

Result<StoredAnnouncement> announcement_of(Workspace& workspace, const Hash& id);

}  // namespace fairdraw::detail
