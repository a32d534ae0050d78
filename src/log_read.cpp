// Reading the log: identity, checkpoints, entries, proofs; and annotations.
#include <fstream>
#include <iterator>

#include "fairdraw/log.h"
#include "log_common.h"
#include "log_entry.h"

namespace fairdraw::tlog {
namespace {

using detail::LogStore;

Result<detail::LogIdentity> checked_identity(Workspace& ws, LogStore& store) {
    return detail::workspace_identity(ws.dir(), store);
}

Result<SignedCheckpoint> signed_at(LogStore& store, const VerifierKey& key,
                                   std::optional<std::uint64_t> size) {
    return detail::signed_checkpoint(store, key, size);
}

}  // namespace

Result<VerifierKey> verifier_key(Workspace& ws) {
    detail::ReadTransaction tx(ws.db());
    FD_TRY(tx.status());
    LogStore store(ws.db());
    FD_ASSIGN(auto identity, checked_identity(ws, store));
    return identity.key;
}

Result<std::uint64_t> size(Workspace& ws) {
    LogStore store(ws.db());
    return store.entry_count();
}

Result<SignedCheckpoint> latest_checkpoint(Workspace& ws) {
    detail::ReadTransaction tx(ws.db());
    FD_TRY(tx.status());
    LogStore store(ws.db());
    FD_ASSIGN(auto identity, checked_identity(ws, store));
    return signed_at(store, identity.key, std::nullopt);
}

Result<SignedCheckpoint> checkpoint_at(Workspace& ws, std::uint64_t size) {
    detail::ReadTransaction tx(ws.db());
    FD_TRY(tx.status());
    LogStore store(ws.db());
    FD_ASSIGN(auto identity, checked_identity(ws, store));
    return signed_at(store, identity.key, size);
}

Status for_each_entry(Workspace& ws, std::uint64_t from,
                      const std::function<Status(const Entry&)>& visit) {
    detail::ReadTransaction tx(ws.db());
    FD_TRY(tx.status());
    LogStore store(ws.db());
    FD_ASSIGN(std::uint64_t count, store.entry_count());
    if (from > count)
        return Error::bad_input("--from " + std::to_string(from) +
                                " is past the end of the log, which has " + std::to_string(count) +
                                " entries");
    for (std::uint64_t idx = from; idx < count; ++idx) {
        FD_ASSIGN(std::string data, store.entry(idx));
        FD_TRY(detail::check_entry_envelope(data, idx));
        FD_TRY(visit(Entry{idx, std::move(data)}));
    }
    return {};
}

Result<std::vector<InclusionProof>> prove_inclusion(Workspace& ws,
                                                    std::span<const std::uint64_t> indices,
                                                    std::optional<std::uint64_t> size) {
    detail::ReadTransaction tx(ws.db());
    FD_TRY(tx.status());
    LogStore store(ws.db());
    detail::StoreReader reader(store);
    FD_ASSIGN(auto identity, checked_identity(ws, store));
    FD_ASSIGN(SignedCheckpoint signed_tree, signed_at(store, identity.key, size));
    std::uint64_t tree_size = signed_tree.checkpoint.size;
    std::vector<InclusionProof> out;
    for (std::uint64_t idx : indices) {
        if (idx >= tree_size)
            return Error::bad_input(
                "entry " + std::to_string(idx) + " is not in the signed tree of size " +
                std::to_string(tree_size) + " (entries 0.." + std::to_string(tree_size - 1) + ")");
        InclusionProof proof;
        proof.index = idx;
        FD_ASSIGN(proof.entry, store.entry(idx));
        FD_ASSIGN(proof.path, merkle::inclusion_proof(reader, idx, tree_size));
        auto ok = merkle::verify_inclusion(merkle::leaf_hash(proof.entry), idx, tree_size,
                                           proof.path, signed_tree.checkpoint.root);
        if (!ok)
            return Error::verification_failed(
                "the stored log cannot prove entry " + std::to_string(idx) +
                    " in the tree it signed at size " + std::to_string(tree_size) + ": " +
                    ok.error().message,
                "run 'fairdraw log verify' to find what was changed");
        proof.checkpoint = signed_tree;
        out.push_back(std::move(proof));
    }
    return out;
}

Result<ConsistencyProof> prove_consistency(Workspace& ws, std::uint64_t old_size,
                                           std::uint64_t new_size) {
    if (old_size == 0)
        return Error::bad_input(
            "the old size must be at least 1: fairdraw never signs an empty tree");
    if (old_size > new_size)
        return Error::bad_input("the old size " + std::to_string(old_size) +
                                " is larger than the new size " + std::to_string(new_size));
    detail::ReadTransaction tx(ws.db());
    FD_TRY(tx.status());
    LogStore store(ws.db());
    detail::StoreReader reader(store);
    FD_ASSIGN(auto identity, checked_identity(ws, store));
    ConsistencyProof proof;
    FD_ASSIGN(proof.old_checkpoint, signed_at(store, identity.key, old_size));
    FD_ASSIGN(proof.new_checkpoint, signed_at(store, identity.key, new_size));
    FD_ASSIGN(proof.path, merkle::consistency_proof(reader, old_size, new_size));
    auto ok = merkle::verify_consistency(old_size, new_size, proof.path,
                                         proof.old_checkpoint.checkpoint.root,
                                         proof.new_checkpoint.checkpoint.root);
    if (!ok)
        return Error::verification_failed("the stored log cannot prove its tree of size " +
                                              std::to_string(new_size) +
                                              " consistent with the one it signed at size " +
                                              std::to_string(old_size) + ": " + ok.error().message,
                                          "run 'fairdraw log verify' to find what was changed");
    return proof;
}

Result<std::uint64_t> annotate(Workspace& ws, const std::string& text) {
    if (text.empty())
        return Error::bad_input("the annotation is empty", "write the remark to record, in quotes");
    if (text.size() > k_max_annotation_size)
        return Error::bad_input("the annotation is " + std::to_string(text.size()) +
                                " bytes, more than " + std::to_string(k_max_annotation_size));
    std::uint64_t index = 0;
    FD_TRY(ws.change([&](Change& change) -> Status {
        FD_ASSIGN(index, change.log("log.annotate", Json{{"text", text}}));
        return {};
    }));
    return index;
}

}  // namespace fairdraw::tlog

namespace fairdraw::detail {

Result<std::optional<std::string>> read_small_file(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return std::optional<std::string>{};
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error::environment("cannot read " + file.string());
    std::string text(std::istreambuf_iterator<char>(in), {});
    if (text.size() > (std::size_t{1} << 20))
        return Error::verification_failed(file.string() + " is larger than 1 MiB");
    return std::optional<std::string>(std::move(text));
}

Result<LogIdentity> workspace_identity(const std::filesystem::path& dir, LogStore& store) {
    FD_ASSIGN(auto identity, store.identity());
    auto file = dir / k_verifier_key_file;
    FD_ASSIGN(auto text, read_small_file(file));
    if (text) {
        if (!text->empty() && text->back() == '\n') text->pop_back();
        if (*text != identity.key.text())
            return Error::verification_failed(file.string() + " (" + *text +
                                              ") is not the key recorded in entry 0 (" +
                                              identity.key.text() + ")");
    }
    return identity;
}

Result<tlog::SignedCheckpoint> open_stored(const StoredCheckpoint& stored, const VerifierKey& key) {
    auto cp = open_checkpoint(stored.note, key);
    if (!cp)
        return Error::verification_failed("the checkpoint signed at size " +
                                              std::to_string(stored.size) +
                                              " does not verify: " + cp.error().message,
                                          "run 'fairdraw log verify' for a full check of the log");
    if (cp->size != stored.size || cp->root != stored.root)
        return Error::verification_failed("the stored size or root of the checkpoint at size " +
                                          std::to_string(stored.size) +
                                          " differs from what it signs");
    return tlog::SignedCheckpoint{*cp, stored.note};
}

Result<tlog::SignedCheckpoint> signed_checkpoint(LogStore& store, const VerifierKey& key,
                                                 std::optional<std::uint64_t> size) {
    if (!size) {
        FD_ASSIGN(auto latest, store.latest_checkpoint());
        if (!latest) return Error::verification_failed("the log has no signed checkpoint");
        return open_stored(*latest, key);
    }
    FD_ASSIGN(auto stored, store.checkpoint_at(*size));
    if (!stored) {
        FD_ASSIGN(std::uint64_t count, store.entry_count());
        FD_ASSIGN(std::string near, store.signed_sizes_near(*size));
        std::string why = *size > count ? "the log has only " + std::to_string(count) + " entries"
                                        : "no change ended at that size";
        return Error::bad_input(
            "the log never signed a tree of size " + std::to_string(*size) + " (" + why + ")",
            near.empty() ? std::string("'fairdraw log checkpoint' shows the latest signed size")
                         : "signed sizes near it: " + near);
    }
    return open_stored(*stored, key);
}

}  // namespace fairdraw::detail
