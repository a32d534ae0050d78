#include "csv_pipeline.h"

namespace fairdraw::detail {

CsvPipeline::CsvPipeline(SourceFile& file, TextDecoder decoder)
    : m_file(file), m_decoder(std::move(decoder)), m_thread([this] { run(); }) {}

CsvPipeline::~CsvPipeline() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    wait();
}

void CsvPipeline::wait() {
    if (m_thread.joinable()) m_thread.join();
}

std::unique_ptr<CsvBatch> CsvPipeline::take_spare() {
    std::lock_guard lock(m_mutex);
    if (m_spare.empty()) return std::make_unique<CsvBatch>();
    auto batch = std::move(m_spare.back());
    m_spare.pop_back();
    batch->clear();
    return batch;
}

bool CsvPipeline::push(std::unique_ptr<CsvBatch> batch) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_stop || m_ready.size() < k_queue; });
    if (m_stop) return false;
    m_ready.push_back(std::move(batch));
    m_changed.notify_all();
    return true;
}

void CsvPipeline::run() {
    auto finish = [this](std::optional<Error> error, bool restart) {
        std::lock_guard lock(m_mutex);
        m_error = std::move(error);
        m_restart = restart;
        m_done = true;
        m_changed.notify_all();
    };
    try {
        std::string text;
        auto batch = take_spare();
        while (true) {
            auto chunk = m_file.read();
            if (!chunk) return finish(std::move(chunk).error(), false);
            const bool last = chunk->empty();
            text.clear();
            auto step = m_decoder.decode(*chunk, last, text);
            if (!step) return finish(std::move(step).error(), false);
            if (*step == TextDecoder::Step::restart) return finish(std::nullopt, true);
            m_bytes_read.store(m_file.bytes_read(), std::memory_order_relaxed);
            m_parser.feed(text, *batch);
            if (last) m_parser.finish(*batch);
            if (last || batch->bytes() >= k_batch_bytes) {
                if (!push(std::move(batch))) break;
                batch = take_spare();
            }
            if (last) break;
        }
        finish(std::nullopt, false);
    } catch (const std::exception& e) {
        finish(Error::environment("reading " + m_file.name() + " failed: " + e.what()), false);
    }
}

Result<CsvBatch*> CsvPipeline::next() {
    std::unique_lock lock(m_mutex);
    if (m_current) m_spare.push_back(std::move(m_current));
    m_changed.wait(lock, [this] { return !m_ready.empty() || m_done; });
    if (!m_ready.empty()) {
        m_current = std::move(m_ready.front());
        m_ready.pop_front();
        m_changed.notify_all();
        return m_current.get();
    }
    if (m_error) return *m_error;
    return static_cast<CsvBatch*>(nullptr);
}

}  // namespace fairdraw::detail
