"""Vault seal+open against raw AES-256-GCM on the same values, measured side by side.

    python bench/vault.py [--values 20000] [--subjects 1000] [--runs 5]

Both sides take the same text values and return the same text: the raw side encodes, encrypts
with a fresh random 12-byte nonce under one reused ``AESGCM`` object, decrypts and decodes; the
vault side seals (per-subject key from its cache, associated data, display mask) and opens. Data
keys are created once before timing (a one-off key-store write per subject, not the hot path).
The sides alternate in chunks of 500 values and are timed in CPU time of this process, so other
load on the machine skews neither; the median of the runs of each side is printed with the ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from shouyue.engine import get_datamap
from shouyue.privacy.masking import mask
from shouyue.privacy.vault import Sealed, Vault, open_keystore

TARGET = 1.5
CHUNK = 500
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def phone(rng: random.Random) -> str:
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))


def id_number(rng: random.Random) -> str:
    body = f"{rng.randint(110000, 659000)}{rng.randint(1950, 2010)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body += f"{rng.randint(0, 999):03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]


def workload(count: int, subjects: int, seed: int = 20261128) -> list[tuple[str, str, str]]:
    """(value, category, subject id): half phones, half ID numbers, spread over the subjects."""
    rng = random.Random(seed)
    items = []
    for i in range(count):
        subject = f"u{rng.randrange(subjects)}"
        if i % 2:
            items.append((id_number(rng), "identity.id_number", subject))
        else:
            items.append((phone(rng), "contact.phone", subject))
    return items


def run_vault(vault: Vault, items: list[tuple[str, str, str]]) -> float:
    seal, open_ = vault.seal, vault.open
    start = time.process_time()
    for value, category, subject in items:
        if open_(seal(value, category=category, subject_id=subject)) != value:
            raise SystemExit("vault round trip failed")
    return time.process_time() - start


def run_raw(aead: AESGCM, items: list[tuple[str, str, str]]) -> float:
    encrypt, decrypt, urandom = aead.encrypt, aead.decrypt, os.urandom
    start = time.process_time()
    for value, _category, _subject in items:
        nonce = urandom(12)
        if decrypt(nonce, encrypt(nonce, value.encode(), None), None).decode() != value:
            raise SystemExit("raw round trip failed")
    return time.process_time() - start


def run_serialised(vault: Vault, items: list[tuple[str, str, str]]) -> float:
    """Extra, not in the ratio: seal, serialise, parse, open (what a database round trip adds)."""
    seal, open_, parse = vault.seal, vault.open, Sealed.parse
    start = time.process_time()
    for value, category, subject in items:
        text = seal(value, category=category, subject_id=subject).serialise()
        if open_(parse(text, category=category)) != value:
            raise SystemExit("serialised round trip failed")
    return time.process_time() - start


def run_masks(vault: Vault, items: list[tuple[str, str, str]]) -> float:
    """Diagnostic, not in the ratio: the display masks alone, the largest cost beside the cipher."""
    rules = {category: vault.datamap.category(category).mask for category in {c for _, c, _ in items}}
    start = time.process_time()
    for value, category, _subject in items:
        mask(rules[category], value)
    return time.process_time() - start


def median_us(runs: list[float], count: int) -> float:
    return statistics.median(runs) / count * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--values", type=int, default=20_000)
    parser.add_argument("--subjects", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    items = workload(args.values, args.subjects)
    with tempfile.TemporaryDirectory(prefix="shouyue-bench-") as tmp:
        key_dir = Path(tmp)
        store = open_keystore(
            url=f"sqlite:///{key_dir / 'keystore.db'}", key_dir=key_dir, configured_master=None, development=True
        )
        vault = Vault(keystore=store, datamap=get_datamap(), cache_size=max(10_000, 2 * args.subjects))
        aead = AESGCM(AESGCM.generate_key(bit_length=256))
        run_vault(vault, items)  # creates every subject's key and warms both caches
        run_raw(aead, items)
        # Alternate the sides in small chunks, so a busy machine slows both alike.
        chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
        sides: dict[str, Callable[[list[tuple[str, str, str]]], float]] = {
            "vault": lambda chunk: run_vault(vault, chunk),
            "raw": lambda chunk: run_raw(aead, chunk),
            "serialised": lambda chunk: run_serialised(vault, chunk),
            "mask": lambda chunk: run_masks(vault, chunk),
        }
        results: dict[str, list[float]] = {name: [] for name in sides}
        for _ in range(args.runs):
            totals = dict.fromkeys(sides, 0.0)
            for chunk in chunks:
                for name, run in sides.items():
                    totals[name] += run(chunk)
            for name, total in totals.items():
                results[name].append(total)
        vault.close()
    vault_us = median_us(results["vault"], len(items))
    raw_us = median_us(results["raw"], len(items))
    ratio = vault_us / raw_us
    print(f"{len(items)} values (phones and ID numbers), {args.subjects} subjects, median of {args.runs} runs")
    print(f"raw AES-256-GCM encrypt+decrypt: {raw_us:6.2f} us per value")
    print(f"vault seal+open:                 {vault_us:6.2f} us per value")
    print(f"ratio vault/raw:                 {ratio:6.2f}x (target <= {TARGET}x)")
    print(f"  of which the display mask:     {median_us(results['mask'], len(items)):6.2f} us per value")
    serialised_us = median_us(results["serialised"], len(items))
    print(f"extra, seal+serialise+parse+open: {serialised_us:5.2f} us per value (not in the ratio)")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
