// key.h — the log's Ed25519 signing key and its public verifier key.
//
// A workspace signs its log with one Ed25519 key (RFC 8032, through OpenSSL).
// The key has a name, which is the log's origin. Its public half is published
// as a C2SP signed-note verifier key, `<name>+<key ID, 8 hex digits>+<base64(0x01
// || 32-byte public key)>`, where the key ID is the first four bytes (big
// endian) of SHA-256(name || 0x0A || 0x01 || public key). The private half is
// stored as a PKCS#8 PEM file, created owner-only (0600), never overwritten,
// optionally encrypted with a passphrase (scrypt + AES-256-CBC); a key file that
// group or others can read is refused. Key material is freed by OpenSSL, which
// wipes it; passphrases and PEM buffers handled here are wiped after use.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "fairdraw/bytes.h"
#include "fairdraw/result.h"

namespace fairdraw {

inline constexpr std::uint8_t k_note_type_ed25519 = 0x01;     // C2SP signed-note, "Signature types"
inline constexpr std::size_t k_ed25519_public_key_size = 32;  // RFC 8032 §5.1.5
inline constexpr std::size_t k_ed25519_seed_size = 32;        // RFC 8032 §5.1.5
inline constexpr std::size_t k_ed25519_signature_size = 64;   // RFC 8032 §5.1.6
inline constexpr std::size_t k_max_key_name_size = 256;       // a sanity limit of fairdraw's

using PublicKey = std::array<std::uint8_t, k_ed25519_public_key_size>;

// A key name per C2SP signed-note: non-empty UTF-8 without Unicode spaces or
// '+'. fairdraw also refuses control characters and names over 256 bytes.
bool is_valid_key_name(std::string_view name);
// Why `name` is not a valid key name; empty when it is.
std::string key_name_problem(std::string_view name);

// SHA-256(name || 0x0A || 0x01 || public key)[:4], big endian (C2SP signed-note).
std::uint32_t note_key_id(std::string_view name, const PublicKey& key);

struct VerifierKey {
    std::string name;
    std::uint32_t id = 0;
    PublicKey public_key{};

    static VerifierKey make(std::string name, const PublicKey& key);
    std::string text() const;  // "<name>+<8 hex>+<base64(0x01 || key)>"
    std::string id_hex() const;
    bool operator==(const VerifierKey&) const = default;
};

// Parses a verifier key strictly: valid name, exactly 8 lower-case hex digits
// that equal the key ID computed from name and key, type 0x01, 32-byte key.
Result<VerifierKey> parse_verifier_key(std::string_view text);

// Ed25519 verification of a 64-byte signature.
bool ed25519_verify(const PublicKey& key, ByteView message, ByteView signature);

class SigningKey {
  public:
    static Result<SigningKey> generate(std::string name);
    // From a 32-byte RFC 8032 seed (for known-answer tests; keys in use are generated).
    static Result<SigningKey> from_seed(std::string name, ByteView seed);
    // Reads a PKCS#8 PEM key file, refusing one that group or others can read
    // (environment), or that is encrypted when no or the wrong passphrase is given (bad_input).
    static Result<SigningKey> load(const std::filesystem::path& file, std::string name,
                                   std::string_view passphrase);

    // Writes the key as PKCS#8 PEM to a new file (never overwrites), mode 0600,
    // synced to disk; encrypted when `passphrase` is not empty.
    Status save(const std::filesystem::path& file, std::string_view passphrase) const;

    const std::string& name() const { return m_verifier.name; }
    const VerifierKey& verifier_key() const { return m_verifier; }
    // Ed25519 signature (64 bytes) of `message`.
    Result<Bytes> sign(ByteView message) const;

    SigningKey(SigningKey&&) noexcept;
    SigningKey& operator=(SigningKey&&) noexcept;
    ~SigningKey();

  private:
    struct Impl;
    SigningKey(std::unique_ptr<Impl> impl, VerifierKey verifier);
    std::unique_ptr<Impl> m_impl;
    VerifierKey m_verifier;
};

// Refuses (environment) a private key file that group or others may read or write.
Status check_private_key_file(const std::filesystem::path& file);

}  // namespace fairdraw
