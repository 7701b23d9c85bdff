import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { itShared, readShared, sharedPath } from "../test/sharedData";
import { chunkGridSize, listChunks } from "./chunkGrid";
import { formatPrecomputedInfo, type PrecomputedInfo, parsePrecomputedInfo } from "./precomputedInfo";

const PINKY = ["cloudvolume-pinky40-seg", "test_seg_unsharded"];
const TEST_CV = ["cloudvolume-test_cv", "test_cv"];

function minimal(): Record<string, unknown> {
  return {
    type: "segmentation",
    data_type: "uint64",
    num_channels: 1,
    scales: [
      {
        key: "8_8_8",
        size: [100, 60, 30],
        resolution: [8, 8, 8],
        chunk_sizes: [[64, 64, 64]],
        encoding: "compressed_segmentation",
        compressed_segmentation_block_size: [8, 8, 8],
      },
    ],
  };
}

describe("precomputed info", () => {
  itShared("[PC1] parses the real pinky40 segmentation info (compresso, 3 scales, legacy mesh dir)", () => {
    const info = parsePrecomputedInfo(readShared(...PINKY, "info"), "pinky40/info");
    expect(info.type).toBe("segmentation");
    expect(info.dataType).toBe("uint32");
    expect(info.numChannels).toBe(1);
    expect(info.mesh).toBe("mesh_mip_2_err_40");
    expect(info.scales.map((s) => s.key)).toEqual(["8_8_40", "16_16_40", "32_32_40"]);
    expect(info.scales[1]).toMatchObject({
      size: [512, 512, 512],
      resolution: [16, 16, 40],
      voxelOffset: [0, 0, 0],
      chunkSizes: [[256, 256, 64]],
      encoding: "compresso",
    });
  });

  itShared("[PC1] parses the real test_cv info (compressed_segmentation, 5 scales, skeletons)", () => {
    const info = parsePrecomputedInfo(readShared(...TEST_CV, "info"), "test_cv/info");
    expect(info.scales).toHaveLength(5);
    expect(info.skeletons).toBe("skeletons_mip_2");
    for (const s of info.scales) {
      expect(s.encoding).toBe("compressed_segmentation");
      expect(s.compressedSegmentationBlockSize).toEqual([8, 8, 8]);
    }
  });

  itShared("[PC4] the chunk grid of a real scale names exactly the chunk files on disk", () => {
    const info = parsePrecomputedInfo(readShared(...PINKY, "info"));
    const scale = info.scales.find((s) => s.key === "16_16_40")!;
    expect(chunkGridSize(scale.size, scale.chunkSizes[0]!)).toEqual([2, 2, 8]);
    const expected = listChunks(scale)
      .map((c) => `${c.key}.gz`)
      .sort();
    const onDisk = readdirSync(sharedPath(...PINKY, "16_16_40")).sort();
    expect(onDisk).toEqual(expected);
  });

  it("[PC1] accepts case-insensitive data_type/encoding and defaults voxel_offset to 0", () => {
    const j = minimal();
    j.data_type = "UINT64";
    (j.scales as Record<string, unknown>[])[0]!.encoding = "Compressed_Segmentation";
    const info = parsePrecomputedInfo(JSON.stringify(j));
    expect(info.dataType).toBe("uint64");
    expect(info.scales[0]!.encoding).toBe("compressed_segmentation");
    expect(info.scales[0]!.voxelOffset).toEqual([0, 0, 0]);
  });

  it("[PC1] errors name the file and the field", () => {
    const noType = minimal();
    delete noType.data_type;
    expect(() => parsePrecomputedInfo(noType, "seg/info")).toThrow(/seg\/info: "data_type" must be one of/);
    const badSize = minimal();
    (badSize.scales as Record<string, unknown>[])[0]!.size = [1, 2];
    expect(() => parsePrecomputedInfo(badSize, "seg/info")).toThrow(
      /seg\/info: scales\[0\]\.size must be an array of 3 numbers/,
    );
    const badEnc = minimal();
    (badEnc.scales as Record<string, unknown>[])[0]!.encoding = "zstd";
    expect(() => parsePrecomputedInfo(badEnc)).toThrow(/scales\[0\]\.encoding must be one of/);
    expect(() => parsePrecomputedInfo("{not json", "x/info")).toThrow(/x\/info: not valid JSON/);
    const noScales = minimal();
    noScales.scales = [];
    expect(() => parsePrecomputedInfo(noScales)).toThrow(/"scales" must be a non-empty array/);
  });

  it("[PC2] enforces the specification's cross-field rules", () => {
    const noBlock = minimal();
    delete (noBlock.scales as Record<string, unknown>[])[0]!.compressed_segmentation_block_size;
    expect(() => parsePrecomputedInfo(noBlock)).toThrow(/compressed_segmentation_block_size is required/);
    const rawWithBlock = minimal();
    (rawWithBlock.scales as Record<string, unknown>[])[0]!.encoding = "raw";
    expect(() => parsePrecomputedInfo(rawWithBlock)).toThrow(/allowed only with compressed_segmentation/);
    const floatCseg = minimal();
    floatCseg.type = "image";
    floatCseg.data_type = "float32";
    expect(() => parsePrecomputedInfo(floatCseg)).toThrow(/needs data_type uint32 or uint64/);
    const twoChannels = minimal();
    twoChannels.num_channels = 2;
    expect(() => parsePrecomputedInfo(twoChannels)).toThrow(/must be 1 for a segmentation/);
    const decreasing = minimal();
    const s0 = (decreasing.scales as Record<string, unknown>[])[0]!;
    decreasing.scales = [
      { ...s0, key: "a", resolution: [16, 16, 16] },
      { ...s0, key: "b", resolution: [8, 16, 16] },
    ];
    expect(() => parsePrecomputedInfo(decreasing)).toThrow(/scales\[1\]\.resolution \[8,16,16\] decreases/);
    const sharded = minimal();
    (sharded.scales as Record<string, unknown>[])[0]!.chunk_sizes = [
      [64, 64, 64],
      [32, 32, 32],
    ];
    (sharded.scales as Record<string, unknown>[])[0]!.sharding = {
      "@type": "neuroglancer_uint64_sharded_v1",
    };
    expect(() => parsePrecomputedInfo(sharded)).toThrow(/sharded and so must list exactly one chunk size/);
    const imageMesh = minimal();
    imageMesh.type = "image";
    imageMesh.data_type = "uint8";
    (imageMesh.scales as Record<string, unknown>[])[0]!.encoding = "raw";
    delete (imageMesh.scales as Record<string, unknown>[])[0]!.compressed_segmentation_block_size;
    imageMesh.mesh = "mesh";
    expect(() => parsePrecomputedInfo(imageMesh)).toThrow(/need type "segmentation"/);
  });

  it("[PC3] writes snake_case JSON that reads back equal, and refuses to write an invalid info", () => {
    const info: PrecomputedInfo = {
      type: "segmentation",
      dataType: "uint64",
      numChannels: 1,
      mesh: "mesh",
      scales: [
        {
          key: "32_32_32",
          size: [256, 256, 128],
          resolution: [32, 32, 32],
          voxelOffset: [0, 0, 0],
          chunkSizes: [[64, 64, 64]],
          encoding: "compressed_segmentation",
          compressedSegmentationBlockSize: [8, 8, 8],
        },
      ],
    };
    const text = formatPrecomputedInfo(info);
    const json = JSON.parse(text);
    expect(json["@type"]).toBe("neuroglancer_multiscale_volume");
    expect(json.scales[0].compressed_segmentation_block_size).toEqual([8, 8, 8]);
    expect(json.scales[0].voxel_offset).toEqual([0, 0, 0]);
    expect(parsePrecomputedInfo(text)).toEqual(info);
    expect(formatPrecomputedInfo(parsePrecomputedInfo(text))).toBe(text);
    expect(() => formatPrecomputedInfo({ ...info, numChannels: 3 })).toThrow(/info \(being written\)/);
  });
});
