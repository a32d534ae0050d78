// row_channel.h — handing batches of sorted rows from one thread to another.
//
// The importer walks its sorted rows once: the writing thread stores them and
// copies them, a batch at a time, into this channel, from which a second
// thread reads them to check IDs and compute the root. At most a few batches
// are in flight; the receiver reads rows in order, sequentially in memory.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/directory.h"

namespace fairdraw::detail {

struct RowBatch {
    struct Row {
        std::size_t offset;  // of the ID in bytes; the data follows it
        std::size_t id_size;
        std::size_t data_size;
        RowPlace place;
    };
    std::string bytes;
    std::vector<Row> rows;

    void add(std::string_view id, std::string_view data, RowPlace place) {
        rows.push_back(Row{bytes.size(), id.size(), data.size(), place});
        bytes.append(id);
        bytes.append(data);
    }
    std::string_view id(const Row& r) const { return {bytes.data() + r.offset, r.id_size}; }
    std::string_view data(const Row& r) const {
        return {bytes.data() + r.offset + r.id_size, r.data_size};
    }
    void clear() {
        bytes.clear();
        rows.clear();
    }
};

class RowChannel {
  public:
    static constexpr std::size_t k_batch_bytes = 1 << 20;
    static constexpr std::size_t k_in_flight = 4;

    // Sender: a cleared batch to fill (a spare one when there is one).
    std::unique_ptr<RowBatch> blank() {
        std::lock_guard lock(m_mutex);
        if (m_spare.empty()) return std::make_unique<RowBatch>();
        auto batch = std::move(m_spare.back());
        m_spare.pop_back();
        batch->clear();
        return batch;
    }
    // Sender: waits while too many batches are in flight; false if the receiver quit.
    bool send(std::unique_ptr<RowBatch> batch) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_quit || m_ready.size() < k_in_flight; });
        if (m_quit) return false;
        m_ready.push_back(std::move(batch));
        m_changed.notify_all();
        return true;
    }
    // Sender: no more batches.
    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_changed.notify_all();
    }
    // Receiver: the next batch, or nullptr once the sender closed the channel.
    std::unique_ptr<RowBatch> receive() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_ready.empty() || m_closed; });
        if (m_ready.empty()) return nullptr;
        auto batch = std::move(m_ready.front());
        m_ready.pop_front();
        m_changed.notify_all();
        return batch;
    }
    // Receiver: gives a used batch back for reuse.
    void recycle(std::unique_ptr<RowBatch> batch) {
        std::lock_guard lock(m_mutex);
        m_spare.push_back(std::move(batch));
    }
    // Receiver: stops taking batches (the sender's next send() fails).
    void quit() {
        std::lock_guard lock(m_mutex);
        m_quit = true;
        m_changed.notify_all();
    }

  private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<RowBatch>> m_ready;
    std::vector<std::unique_ptr<RowBatch>> m_spare;
    bool m_closed = false;
    bool m_quit = false;
};

}  // namespace fairdraw::detail
