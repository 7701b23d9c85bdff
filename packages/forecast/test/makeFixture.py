#!/usr/bin/env python3
"""Writes the numpy reference fixtures of packages/forecast (SPEC.md Z3, Z4, Z6, Z7, SIM4, L1).

Independent of the TypeScript code: the split and window arithmetic is a line-by-line port of
zapbench/data_utils.py (get_condition_bounds, adjust_condition_bounds_for_split, get_num_windows), the
metric is written with numpy array operations, ΔF/F uses numpy.percentile on each window, and the sharded
zarr v3 array is assembled byte by byte from the zarr v3 specification (sharding_indexed codec).

Run from the repository root:  python3 packages/forecast/test/makeFixture.py
Needs only python3 and numpy. Output: packages/forecast/test/fixtures/.
"""
import gzip
import json
import os
import struct

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")

# --- ZAPBench split arithmetic (port of zapbench/data_utils.py) ---------------------------------------
CONDITION_OFFSETS = (0, 649, 2422, 3078, 3735, 5047, 5638, 6623, 7279, 7879)
CONDITION_PADDING = 1
VAL_FRACTION = 0.1
TEST_FRACTION = 0.2
MAX_CONTEXT_LENGTH = 256
PREDICTION_WINDOW_LENGTH = 32


def get_condition_bounds(offsets, padding, condition):
    return offsets[condition] + padding, offsets[condition + 1] - padding


def adjust_condition_bounds_for_split(split, inclusive_min, exclusive_max, num_timesteps_context,
                                      max_context=MAX_CONTEXT_LENGTH):
    num_timesteps_total = exclusive_max - inclusive_min
    num_timesteps_test = int(num_timesteps_total * TEST_FRACTION)
    num_timesteps_val = int(num_timesteps_total * VAL_FRACTION)
    num_timesteps_train = num_timesteps_total - num_timesteps_test - num_timesteps_val
    if split == "train":
        exclusive_max = inclusive_min + num_timesteps_train
    elif split == "val":
        exclusive_max = inclusive_min + num_timesteps_train + num_timesteps_val
        inclusive_min += num_timesteps_train - num_timesteps_context
    elif split == "test":
        inclusive_min += num_timesteps_train + num_timesteps_val - num_timesteps_context
    elif split == "test_holdout":
        inclusive_min += max_context - num_timesteps_context
    else:
        raise ValueError(split)
    assert 0 <= inclusive_min < exclusive_max
    return inclusive_min, exclusive_max


def get_num_windows(inclusive_min, exclusive_max, num_timesteps_context, horizon=PREDICTION_WINDOW_LENGTH):
    return exclusive_max - inclusive_min - horizon - num_timesteps_context + 1


def zapbench_splits():
    out = {}
    for context in (4, 256):
        rows = []
        for c in range(len(CONDITION_OFFSETS) - 1):
            lo, hi = get_condition_bounds(CONDITION_OFFSETS, CONDITION_PADDING, c)
            row = {"condition": c}
            for split in ("train", "val", "test", "test_holdout"):
                a, b = adjust_condition_bounds_for_split(split, lo, hi, context)
                row[split] = [a, b]
            row["testWindows"] = get_num_windows(*row["test"], context)
            row["holdoutWindows"] = get_num_windows(*row["test_holdout"], context)
            rows.append(row)
        out[str(context)] = rows
    return out


# --- Scoring of two naive forecasters on a small table ---------------------------------------------------
def score(series, offsets, held_out, padding, max_context, horizon, context, model):
    """MAE per step per condition; mean over training conditions; held-out mean."""
    per_condition = []
    for c in range(len(offsets) - 1):
        lo, hi = offsets[c] + padding, offsets[c + 1] - padding
        split = "test_holdout" if c in held_out else "test"
        total = hi - lo
        n_test = int(total * TEST_FRACTION)
        n_val = int(total * VAL_FRACTION)
        n_train = total - n_test - n_val
        a = lo + (max_context - context if split == "test_holdout" else n_train + n_val - context)
        n_windows = hi - a - horizon - context + 1
        starts = a + np.arange(n_windows)
        ctx = np.stack([series[s:s + context] for s in starts])            # [W, C, N]
        tgt = np.stack([series[s + context:s + context + horizon] for s in starts])  # [W, H, N]
        if model == "last":
            pred = np.repeat(ctx[:, -1:, :], horizon, axis=1)
        else:
            pred = np.repeat(ctx.astype(np.float64).mean(axis=1, keepdims=True), horizon, axis=1)
        mae = np.abs(pred.astype(np.float64) - tgt.astype(np.float64)).mean(axis=2).mean(axis=0)  # [H]
        per_condition.append({"bounds": [int(a), int(hi)], "windows": int(n_windows), "mae": mae.tolist()})
    train = [p["mae"] for c, p in enumerate(per_condition) if c not in held_out]
    held = [p["mae"] for c, p in enumerate(per_condition) if c in held_out]
    return {
        "conditions": per_condition,
        "trainMean": np.mean(np.array(train), axis=0).tolist(),
        "heldOutMean": np.mean(np.array(held), axis=0).tolist() if held else None,
    }


def dff_reference(F, half, q, lo, hi):
    T = F.shape[0]
    out = np.empty_like(F, dtype=np.float64)
    for t in range(T):
        window = F[max(0, t - half):min(T, t + half + 1)].astype(np.float64)
        f0 = np.percentile(window, q, axis=0)
        out[t] = np.clip((F[t] - f0) / f0, lo, hi)
    return out


# --- A sharded zarr v3 array, written from the specification --------------------------------------------
def crc32c(data: bytes) -> int:
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    crc = 0xFFFFFFFF
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def write_sharded_zarr(path, array, shard, inner, names):
    os.makedirs(path, exist_ok=True)
    meta = {
        "zarr_format": 3,
        "node_type": "array",
        "shape": list(array.shape),
        "data_type": "float32",
        "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": list(shard)}},
        "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
        "fill_value": 0.0,
        "codecs": [{
            "name": "sharding_indexed",
            "configuration": {
                "chunk_shape": list(inner),
                "codecs": [{"name": "bytes", "configuration": {"endian": "little"}},
                           {"name": "gzip", "configuration": {"level": 5}}],
                "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}],
                "index_location": "end",
            },
        }],
        "dimension_names": ["t", "f"],
        "attributes": {"neuron_names": names},
    }
    with open(os.path.join(path, "zarr.json"), "w") as f:
        json.dump(meta, f, indent=2)
    T, N = array.shape
    for s0 in range(0, T, shard[0]):
        for s1 in range(0, N, shard[1]):
            body = b""
            index = []
            for i0 in range(s0, s0 + shard[0], inner[0]):
                for i1 in range(s1, s1 + shard[1], inner[1]):
                    block = np.zeros(inner, dtype="<f4")
                    part = array[i0:i0 + inner[0], i1:i1 + inner[1]]
                    block[:part.shape[0], :part.shape[1]] = part
                    chunk = gzip.compress(block.tobytes(order="C"), compresslevel=5, mtime=0)
                    index.append((len(body), len(chunk)))
                    body += chunk
            idx = b"".join(struct.pack("<QQ", o, n) for o, n in index)
            idx += struct.pack("<I", crc32c(idx))
            d = os.path.join(path, "c", str(s0 // shard[0]))
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, str(s1 // shard[1])), "wb") as f:
                f.write(body + idx)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240930)

    # Metric on one window.
    pred = rng.normal(size=(8, 5)).astype(np.float32)
    target = rng.normal(size=(8, 5)).astype(np.float32)
    np.save(os.path.join(OUT, "mae_pred.npy"), pred)
    np.save(os.path.join(OUT, "mae_target.npy"), target)
    mae_window = np.abs(pred.astype(np.float64) - target).mean(axis=1).tolist()

    # Scoring on a small condition table.
    T, N = 900, 7
    series = np.cumsum(rng.normal(scale=0.1, size=(T, N)), axis=0).astype(np.float32)
    np.save(os.path.join(OUT, "scoring_series.npy"), series)
    table = {"offsets": [0, 300, 620, 900], "names": ["a", "b", "c"], "heldOut": [1],
             "padding": 1, "maxContext": 16, "horizon": 8}
    scores = {}
    for context in (4, 16):
        for model in ("last", "mean"):
            scores[f"{model}/{context}"] = score(series, table["offsets"], table["heldOut"], table["padding"],
                                                 table["maxContext"], table["horizon"], context, model)

    # ΔF/F.
    TF = 300
    base = 100 + 20 * rng.random(4)
    drift = 1 - 0.2 * np.linspace(0, 1, TF)[:, None]
    F = (base * drift * (1 + np.abs(rng.normal(scale=0.3, size=(TF, 4))))).astype(np.float32)
    np.save(os.path.join(OUT, "dff_input.npy"), F)
    np.save(os.path.join(OUT, "dff_expected.npy"), dff_reference(F, 40, 8, -0.25, 1.5))
    np.save(os.path.join(OUT, "dff_expected_zapbench_window.npy"), dff_reference(F, 400, 8, -0.25, 1.5))

    # Sharded zarr v3 traces.
    traces = rng.normal(size=(50, 6)).astype(np.float32)
    np.save(os.path.join(OUT, "traces.npy"), traces)
    write_sharded_zarr(os.path.join(OUT, "traces.zarr"), traces, (20, 6), (10, 3), [f"n{i}" for i in range(6)])

    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump({
            "note": "written by test/makeFixture.py; do not edit by hand",
            "maeWindow": mae_window,
            "zapbenchSplits": zapbench_splits(),
            "table": table,
            "scores": scores,
            "dffHalfWindow": 40,
        }, f, indent=1)


if __name__ == "__main__":
    main()
