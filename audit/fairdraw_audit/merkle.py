"""RFC 6962 / RFC 9162 Merkle trees (SPEC §3.5, §4.3): hashes and proof checks.

Written from the RFC 9162 algorithms: the verifier never builds a proof, it
only checks one against a root.
"""
import hashlib


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def root_of_hashes(hashes):
    """MTH over leaf hashes (not leaf data)."""
    n = len(hashes)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashes[0]
    k = _split(n)
    return node_hash(root_of_hashes(hashes[:k]), root_of_hashes(hashes[k:]))


def root(leaves):
    return root_of_hashes([leaf_hash(x) for x in leaves])


class ProofError(ValueError):
    pass


def verify_inclusion(index, size, leaf, path, expected_root):
    """RFC 9162 §2.1.3.2 with leaf the leaf hash; raises ProofError on failure."""
    if index >= size:
        raise ProofError(f"leaf index {index} not below tree size {size}")
    fn, sn = index, size - 1
    r = leaf
    for p in path:
        if sn == 0:
            raise ProofError("inclusion proof too long")
        if fn % 2 == 1 or fn == sn:
            r = node_hash(p, r)
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("inclusion proof too short")
    if r != expected_root:
        raise ProofError("inclusion proof does not lead to the root")


def verify_consistency(old_size, new_size, old_root, new_root, proof):
    """RFC 9162 §2.1.4.2; raises ProofError on failure."""
    if old_size > new_size:
        raise ProofError(f"old size {old_size} above new size {new_size}")
    if old_size == new_size:
        if proof:
            raise ProofError("consistency proof between equal sizes must be empty")
        if old_root != new_root:
            raise ProofError("equal sizes with different roots")
        return
    if old_size == 0:
        if proof:
            raise ProofError("consistency proof from size 0 must be empty")
        return
    if not proof:
        raise ProofError("consistency proof is empty")
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # a power of two: the old root is the first node
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("consistency proof too long")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("consistency proof too short")
    if fr != old_root or sr != new_root:
        raise ProofError("consistency proof does not match the roots")
