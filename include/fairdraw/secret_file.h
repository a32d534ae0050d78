// secret_file.h — the operator's committed secret and its hash chain (docs/SPEC.md §6, §10).
//
// An announcement may name an operator secret by its SHA-256 only. With a
// chain of length n the commitment is c = H^n(s) for 32 random bytes s (H =
// SHA-256): the draw reveals v₁ = H^(n−1)(s), and substitution round k
// (1 ≤ k ≤ n−1) reveals v_(k+1) = H^(n−1−k)(s), which hashes to the link
// before it. So each substitution round gets fresh randomness that was fixed
// before the announcement, without a new public source.
//
// The secret lives in a small text file created owner-only (mode 0600, never
// overwriting an existing file); reading refuses a file that others can read.
// Secret bytes are wiped from memory when a SecretFile is destroyed. Nothing
// here touches a workspace: operators compute commitments and links with
// `fairdraw secret new` and `fairdraw secret link`, never by hand.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "fairdraw/bytes.h"
#include "fairdraw/hash.h"
#include "fairdraw/result.h"

namespace fairdraw {

inline constexpr std::string_view k_secret_file_format = "fairdraw-secret-v1";
inline constexpr std::size_t k_secret_size = 32;
inline constexpr std::int64_t k_max_chain = 1000;

class SecretFile {
  public:
    // 32 bytes from OpenSSL's RAND_bytes, and a chain of `chain` links (1 ≤ chain ≤ k_max_chain).
    static Result<SecretFile> generate(std::int64_t chain);
    // Reads a file written by save(); refuses one that group or others may read.
    static Result<SecretFile> load(const std::filesystem::path& file);
    // Writes the file with mode 0600; refuses to overwrite an existing file.
    Status save(const std::filesystem::path& file) const;

    SecretFile(const SecretFile&) = delete;
    SecretFile& operator=(const SecretFile&) = delete;
    SecretFile(SecretFile&&) noexcept;
    SecretFile& operator=(SecretFile&&) noexcept;
    ~SecretFile();

    std::int64_t chain() const { return m_chain; }
    // c = H^n(s): what the announcement's secret source commits to ("sha256").
    Hash commitment() const;
    // The value revealed in round k: v₁ at the draw (k = 0), v_(k+1) in substitution round
    // k. Fails (bad_input) when k ≥ n, i.e. the chain is used up.
    Result<Bytes> link(std::int64_t round) const;

  private:
    SecretFile(Bytes secret, std::int64_t chain) : m_secret(std::move(secret)), m_chain(chain) {}
    Bytes m_secret;
    std::int64_t m_chain = 1;
};

// H^n(value), for n ≥ 0.
Bytes hash_chain(ByteView value, std::int64_t n);

}  // namespace fairdraw
