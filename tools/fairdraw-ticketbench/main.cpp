// fairdraw-ticketbench — the baseline of bench/draw.py: computing tickets alone.
//
// Reads credit codes, one per line, and computes the ticket of each,
// T("fairdraw-ticket-v1", code) keyed with the given seed (docs/SPEC.md §7,
// §8.5), exactly as a draw does for every pool row. Prints the number of
// tickets, the SHA-256 of all of them in input order (so the work cannot be
// skipped, and two runs can be compared), and the time spent reading the file
// and computing the tickets. A whole `fairdraw draw` must at least do this
// for every row of its pool; bench/draw.py times both as processes.
//
// Usage: fairdraw-ticketbench CODES SEED_HEX
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "fairdraw/hash.h"
#include "fairdraw/keyed_hash.h"

using namespace fairdraw;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: fairdraw-ticketbench CODES SEED_HEX\n";
        return 2;
    }
    auto seed = hash_from_hex(argv[2]);
    if (!seed) {
        std::cerr << "fairdraw-ticketbench: the seed must be 64 hex digits\n";
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << "fairdraw-ticketbench: cannot read " << argv[1] << "\n";
        return 2;
    }
    std::string arena;
    std::vector<std::size_t> ends;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        arena += line;
        ends.push_back(arena.size());
    }
    const auto read = std::chrono::steady_clock::now();
    const KeyedHash key(*seed);
    Sha256 all;
    std::size_t begin = 0;
    for (std::size_t end : ends) {
        const Hash ticket = key.ticket(std::string_view(arena).substr(begin, end - begin));
        all.update(ByteView(ticket));
        begin = end;
    }
    const Hash digest = all.finish();
    const auto done = std::chrono::steady_clock::now();
    std::printf("tickets %zu\nsha256 %s\nread_seconds %.3f\nticket_seconds %.3f\n", ends.size(),
                to_hex(digest).c_str(), std::chrono::duration<double>(read - start).count(),
                std::chrono::duration<double>(done - read).count());
    return 0;
}
