// problem_list.h — collecting every problem of an input, up to a cap.
//
// Bad input is reported all at once (PRODUCT.md, "Bad input and faults"): a
// reader adds each Problem it finds and keeps going. The first `cap` problems
// are kept; the rest are only counted, so a file with a million bad rows
// costs no memory and still says how many there were.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "fairdraw/result.h"

namespace fairdraw {

class ProblemList {
  public:
    explicit ProblemList(std::size_t cap) : m_cap(cap) {}

    void add(Problem problem);
    // Adds another list's problems, kept ones and counted ones.
    void merge(const ProblemList& other);

    bool empty() const { return m_total == 0; }
    std::size_t total() const { return m_total; }
    const std::vector<Problem>& kept() const { return m_kept; }

    // A bad-input error holding the kept problems in line order, with the
    // number not shown.
    Error to_error(std::string message) const;

  private:
    std::size_t m_cap;
    std::size_t m_total = 0;
    std::vector<Problem> m_kept;
};

}  // namespace fairdraw
