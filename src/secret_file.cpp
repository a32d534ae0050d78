// The operator's secret file and its hash chain (docs/SPEC.md §6, §10).
//
// File format (text, LF line ends):
//   fairdraw-secret-v1
//   chain <n>
//   commitment <64 hex digits: H^n(s)>
//   secret <64 hex digits: s>
// The commitment line lets an operator match the file to an announcement; it
// is checked against the secret when the file is read.
#include "fairdraw/secret_file.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace fairdraw {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t k_max_file_size = 4096;

void wipe(std::string& text) {
    if (!text.empty()) OPENSSL_cleanse(text.data(), text.size());
    text.clear();
}

Status write_owner_only(const fs::path& file, const std::string& text) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return Error::bad_input(file.string() + " already exists; fairdraw never overwrites a secret",
                                    "choose another file name, or remove the old file if it was "
                                    "never announced");
        return Error::environment("cannot create " + file.string() + ": " + std::strerror(errno));
    }
    bool ok = ::fchmod(fd, 0600) == 0;
    std::size_t written = 0;
    while (ok && written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) written += static_cast<std::size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    const int saved = errno;
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
        std::error_code ec;
        fs::remove(file, ec);
        return Error::environment("cannot write " + file.string() + ": " + std::strerror(saved));
    }
    return {};
}

Error damaged(const fs::path& file, const std::string& what) {
    return Error::bad_input(file.string() + " is not a fairdraw secret file: " + what,
                            "give the file written by 'fairdraw secret new'");
}

}  // namespace

Bytes hash_chain(ByteView value, std::int64_t n) {
    Bytes out(value.begin(), value.end());
    for (std::int64_t i = 0; i < n; ++i) {
        const Hash h = sha256(ByteView(out));
        out.assign(h.begin(), h.end());
    }
    return out;
}

SecretFile::SecretFile(SecretFile&& other) noexcept
    : m_secret(std::move(other.m_secret)), m_chain(other.m_chain) {
    other.m_secret.clear();
}

SecretFile& SecretFile::operator=(SecretFile&& other) noexcept {
    if (this != &other) {
        if (!m_secret.empty()) OPENSSL_cleanse(m_secret.data(), m_secret.size());
        m_secret = std::move(other.m_secret);
        m_chain = other.m_chain;
        other.m_secret.clear();
    }
    return *this;
}

SecretFile::~SecretFile() {
    if (!m_secret.empty()) OPENSSL_cleanse(m_secret.data(), m_secret.size());
}

Result<SecretFile> SecretFile::generate(std::int64_t chain) {
    if (chain < 1 || chain > k_max_chain)
        return Error::bad_input("a hash chain has 1 to " + std::to_string(k_max_chain) +
                                " links, not " + std::to_string(chain));
    Bytes secret(k_secret_size);
    if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1)
        return Error::environment("OpenSSL could not produce random bytes for the secret");
    return SecretFile(std::move(secret), chain);
}

Hash SecretFile::commitment() const {
    const Bytes c = hash_chain(m_secret, m_chain);
    Hash out{};
    std::copy(c.begin(), c.end(), out.begin());
    return out;
}

Result<Bytes> SecretFile::link(std::int64_t round) const {
    if (round < 0 || round >= m_chain)
        return Error::bad_input(
            "round " + std::to_string(round) + " has no link: a chain of " +
                std::to_string(m_chain) + (m_chain == 1 ? " link" : " links") +
                " reveals rounds 0 (the draw) to " + std::to_string(m_chain - 1),
            m_chain == 1 ? "this secret has no chain; substitutions use the draw's seed"
                         : "after the last link, substitutions use the draw's seed and need no link");
    return hash_chain(m_secret, m_chain - 1 - round);
}

Status SecretFile::save(const fs::path& file) const {
    std::string text = std::string(k_secret_file_format) + "\nchain " + std::to_string(m_chain) +
                       "\ncommitment " + to_hex(commitment()) + "\nsecret " + to_hex(m_secret) +
                       "\n";
    Status status = write_owner_only(file, text);
    wipe(text);
    return status;
}

Result<SecretFile> SecretFile::load(const fs::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0)
        return Error::bad_input("cannot read the secret file " + file.string() + ": " +
                                std::strerror(errno));
    if (!S_ISREG(st.st_mode)) return damaged(file, "not a regular file");
    if ((st.st_mode & 077) != 0)
        return Error::bad_input("the secret file " + file.string() +
                                    " can be read by other users; fairdraw refuses to use it",
                                "make it owner-only with 'chmod 600 " + file.string() +
                                    "', and consider the secret exposed if others could read it");
    if (static_cast<std::size_t>(st.st_size) > k_max_file_size) return damaged(file, "too large");
    std::string text;
    {
        std::ifstream in(file, std::ios::binary);
        if (!in) return Error::bad_input("cannot read the secret file " + file.string());
        std::ostringstream buffer;
        buffer << in.rdbuf();
        text = buffer.str();
    }
    std::istringstream lines(text);
    std::string format, chain_word, commitment_word, commitment_hex, secret_word, secret_hex;
    std::int64_t chain = 0;
    lines >> format >> chain_word >> chain >> commitment_word >> commitment_hex >> secret_word >>
        secret_hex;
    wipe(text);
    if (format != k_secret_file_format || chain_word != "chain" ||
        commitment_word != "commitment" || secret_word != "secret") {
        wipe(secret_hex);
        return damaged(file, "unexpected content");
    }
    auto secret = from_hex(secret_hex);
    wipe(secret_hex);
    if (!secret || secret->size() != k_secret_size || chain < 1 || chain > k_max_chain)
        return damaged(file, "the secret or the chain length is malformed");
    SecretFile out(std::move(*secret), chain);
    if (to_hex(out.commitment()) != commitment_hex)
        return damaged(file, "its commitment does not match its secret");
    return out;
}

}  // namespace fairdraw
