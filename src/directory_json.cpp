// Reading JSON directories: an array of objects, streamed twice (keys, then rows).
#include <istream>
#include <streambuf>
#include <unordered_map>
#include <unordered_set>

#include "fairdraw/canonical_json.h"
#include "fairdraw/directory_reader.h"

namespace fairdraw {
namespace {

// A read-only stream buffer over TextChunks; a failing source ends the stream
// and keeps its error.
class ChunkStreambuf : public std::streambuf {
  public:
    explicit ChunkStreambuf(TextChunks chunks) : m_chunks(std::move(chunks)) {}
    std::optional<Error> error;

  protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        if (error) return traits_type::eof();
        auto next = m_chunks();
        if (!next) {
            error = std::move(next).error();
            return traits_type::eof();
        }
        if (next->empty()) return traits_type::eof();
        m_current.assign(next->data(), next->size());
        setg(m_current.data(), m_current.data(), m_current.data() + m_current.size());
        return traits_type::to_int_type(*gptr());
    }

  private:
    TextChunks m_chunks;
    std::string m_current;
};

struct StopParsing {};

// One pass over the items. on_item gets each item's number and the object
// (null for an item that is not an object); duplicate keys are reported here.
class JsonPass {
  public:
    JsonPass(const std::string& source, ProblemList& problems)
        : m_source(source), m_problems(problems) {}

    Status run(TextChunks chunks, const std::function<void(std::uint64_t, const Json&)>& on_item) {
        ChunkStreambuf buf(std::move(chunks));
        std::istream in(&buf);
        Json::parser_callback_t callback = [&](int depth, Json::parse_event_t event,
                                               Json& parsed) -> bool {
            return handle(depth, event, parsed, on_item);
        };
        try {
            Json ignored = Json::parse(in, callback);
            (void)ignored;
        } catch (const StopParsing&) {
            return *m_fatal;
        } catch (const Json::parse_error& e) {
            if (buf.error) return *buf.error;
            std::string what = e.what();
            if (auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
            return Error::problems(
                "cannot read " + m_source,
                {Problem{m_source, 0, m_item ? "item " + std::to_string(m_item) : "",
                         "not valid JSON (" + what + ")", "", "",
                         "check the file with a JSON validator"}});
        }
        if (buf.error) return *buf.error;
        if (m_item == 0)
            return Error::problems("nothing to import",
                                   {Problem{m_source, 0, "", "the JSON array is empty",
                                            "at least one object", "[]", ""}});
        return {};
    }

  private:
    bool handle(int depth, Json::parse_event_t event, Json& parsed,
                const std::function<void(std::uint64_t, const Json&)>& on_item) {
        using E = Json::parse_event_t;
        if (depth == 0 && (event == E::object_start || event == E::value)) {
            m_fatal = Error::problems(
                "cannot read " + m_source,
                {Problem{m_source, 0, "", "the JSON text is not an array of objects",
                         "[{\"code\": \"…\", \"name\": \"…\"}, …]",
                         event == E::object_start ? "an object" : "a single value", ""}});
            throw StopParsing{};
        }
        if (depth == 1 &&
            (event == E::object_start || event == E::array_start || event == E::value)) {
            ++m_item;
            m_keys.clear();
            if (event == E::value) on_item(m_item, parsed);
            if (event == E::array_start) on_item(m_item, Json::array());
            return event == E::object_start;
        }
        if (depth == 2 && event == E::key && parsed.is_string()) {
            if (!m_keys.insert(parsed.get<std::string>()).second)
                m_problems.add(
                    Problem{m_source, 0,
                            "item " + std::to_string(m_item) + ", key " + parsed.get<std::string>(),
                            "the key appears twice in the object", "", "", "keep one of them"});
            return true;
        }
        if (depth == 1 && event == E::object_end) {
            on_item(m_item, parsed);
            return false;  // processed: drop it from the array being built
        }
        if (depth == 1 && event == E::array_end) return false;
        return true;
    }

    const std::string& m_source;
    ProblemList& m_problems;
    std::uint64_t m_item = 0;
    std::unordered_set<std::string> m_keys;
    std::optional<Error> m_fatal;
};

std::string type_name(const Json& v) {
    if (v.is_number()) return "a number";
    if (v.is_boolean()) return "true or false";
    if (v.is_object()) return "an object";
    if (v.is_array()) return "an array";
    if (v.is_null()) return "null";
    return "a value that is not a string";
}

}  // namespace

Result<DirectoryReadSummary> read_json_directory(DirectoryKind kind,
                                                 const DirectoryOptions& options,
                                                 const std::string& source,
                                                 const std::function<Result<TextChunks>()>& open,
                                                 ProblemList& problems, const RowSink& sink) {
    // Pass 1: every key used by any object, in order of first appearance, is a column.
    std::vector<std::string> keys;
    std::unordered_map<std::string, std::size_t> column_of;
    {
        ProblemList ignored(0);  // structure problems are reported by pass 2
        FD_ASSIGN(TextChunks chunks, open());
        FD_TRY(
            JsonPass(source, ignored).run(std::move(chunks), [&](std::uint64_t, const Json& item) {
                if (!item.is_object()) return;
                for (const auto& [key, value] : item.items())
                    if (column_of.emplace(key, keys.size()).second) keys.push_back(key);
            }));
    }
    auto plan = plan_columns(kind, keys, options, source);
    if (!plan) {
        Error error = std::move(plan).error();
        for (auto& p : error.details) p.line = 0;  // JSON has keys, not a header line
        return error;
    }
    DirectoryReadSummary summary;
    summary.plan = std::move(plan).value();
    RowEncoder encoder(summary.plan, options, source);

    // Pass 2: the rows.
    std::vector<std::string_view> values(keys.size());
    std::optional<Error> stop;
    FD_ASSIGN(TextChunks chunks, open());
    FD_TRY(
        JsonPass(source, problems)
            .run(std::move(chunks), [&](std::uint64_t item, const Json& object) {
                if (stop) return;
                if (!object.is_object()) {
                    problems.add(Problem{
                        source, 0, "item " + std::to_string(item), "the item is not an object",
                        "an object {\"column\": \"value\", …}", type_name(object), ""});
                    return;
                }
                std::fill(values.begin(), values.end(), std::string_view());
                bool ok = true;
                for (const auto& [key, value] : object.items()) {
                    auto column = column_of.find(key);
                    if (column == column_of.end()) {
                        ok = false;
                        problems.add(Problem{
                            source, 0, "item " + std::to_string(item) + ", key " + key,
                            "the file changed while it was being read", "", "", "import it again"});
                    } else if (value.is_string()) {
                        values[column->second] = value.get_ref<const std::string&>();
                    } else if (!value.is_null()) {
                        ok = false;
                        problems.add(Problem{
                            source, 0, "item " + std::to_string(item) + ", key " + key,
                            "values must be strings", "a string in double quotes", type_name(value),
                            value.is_number()
                                ? "write numbers as strings (\"0012\"): a long code loses "
                                  "digits as a JSON number"
                                : ""});
                    }
                }
                if (!ok) return;
                const RowPlace place{0, item};
                switch (encoder.encode(values, place, problems)) {
                    case RowEncoder::Outcome::blank:
                        ++summary.blank_rows;
                        return;
                    case RowEncoder::Outcome::invalid:
                        return;
                    case RowEncoder::Outcome::row:
                        break;
                }
                ++summary.rows;
                if (auto status = sink(encoder.id(), encoder.packed(), place); !status)
                    stop = std::move(status).error();
            }));
    if (stop) return *stop;
    encoder.report_unused_accepted(problems);
    summary.legacy_codes = encoder.legacy_count();
    summary.legacy_examples = encoder.legacy_examples();
    return summary;
}

}  // namespace fairdraw
