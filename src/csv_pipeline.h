// csv_pipeline.h — reading, decoding and parsing a CSV file on a second thread.
//
// While the caller validates and stores the rows of one batch of records, a
// worker thread reads the next chunks of the file (SourceFile: bytes and
// SHA-256), decodes them (TextDecoder) and splits them into records
// (CsvParser) in the next batch. At most a few batches wait in between, so
// memory stays bounded. Destroying the pipeline stops and joins the thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "fairdraw/csv.h"
#include "fairdraw/text_encoding.h"
#include "source_file.h"

namespace fairdraw::detail {

class CsvPipeline {
  public:
    CsvPipeline(SourceFile& file, TextDecoder decoder);
    ~CsvPipeline();
    CsvPipeline(const CsvPipeline&) = delete;
    CsvPipeline& operator=(const CsvPipeline&) = delete;

    // The next batch, valid until the next call; nullptr at the end, or when
    // the decoder asked to start again (restart_requested()).
    Result<CsvBatch*> next();
    // Joins the worker; afterwards the file may be used again.
    void wait();
    bool restart_requested() const { return m_restart; }
    std::uint64_t bytes_read() const { return m_bytes_read.load(std::memory_order_relaxed); }
    std::string encoding() const { return m_decoder.description(); }  // after wait()

  private:
    static constexpr std::size_t k_queue = 4;
    static constexpr std::size_t k_batch_bytes = 1 << 20;

    void run();
    std::unique_ptr<CsvBatch> take_spare();
    bool push(std::unique_ptr<CsvBatch> batch);  // false when stopped

    SourceFile& m_file;
    TextDecoder m_decoder;
    CsvParser m_parser;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<CsvBatch>> m_ready;
    std::vector<std::unique_ptr<CsvBatch>> m_spare;
    std::unique_ptr<CsvBatch> m_current;
    bool m_done = false;
    bool m_stop = false;
    bool m_restart = false;
    std::optional<Error> m_error;
    std::atomic<std::uint64_t> m_bytes_read{0};
    std::thread m_thread;
};

}  // namespace fairdraw::detail
