"""Loading seeds: analysed in worker processes, a few batches in flight, the same as in one process."""

import shutil

from conftest import CONTENT, SEEDS
from xai_digest.pipeline import Project, load_records, read_seeds


def test_seeds_analysed_in_workers_equal_those_analysed_in_one_process(tmp_path, monkeypatch):
    import xai_digest.pipeline as pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_SEEDS", 2)
    monkeypatch.setattr(pipeline, "ANALYSIS_BATCH", 2)  # 41 seeds: 21 batches, more than the 8 let in flight
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for copy in range(8):
        for seed in sorted(SEEDS.iterdir()):
            shutil.copy(seed, seeds / f"{copy}_{seed.name}")
    (seeds / "zz_binary.txt").write_bytes(bytes(range(32)) * 40)  # an error result among them
    project = Project(seeds_dir=seeds, content_dir=CONTENT)

    pooled = load_records(project, jobs=2, reads=read_seeds(project))  # read_seeds keeps no bytes: read again
    inline = load_records(project, jobs=1, reads=read_seeds(project))

    assert pooled.cache_misses == inline.cache_misses == 41
    assert len(pooled.records) == 40
    assert [r.to_dict() for r in pooled.records] == [r.to_dict() for r in inline.records]
    assert pooled.reports == inline.reports
    assert any(r.source_file.endswith("zz_binary.txt") and r.level == "error" for r in pooled.reports)
    assert pooled.content_keys == inline.content_keys
