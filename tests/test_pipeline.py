"""Loading seeds: analysed in worker processes, a few batches in flight, the same as in one process."""

import shutil

from conftest import CONTENT, SEEDS
from xai_digest.pipeline import Project, load_records, read_seeds
from xai_digest.site import build_site


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


def copies(tmp_path, count=8):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for copy in range(count):
        for seed in sorted(SEEDS.iterdir()):
            shutil.copy(seed, seeds / f"{copy}_{seed.name}")
    return Project(seeds_dir=seeds, content_dir=CONTENT)


def test_an_edited_seed_among_many_cached_is_analysed_in_a_worker_while_they_load(tmp_path, monkeypatch):
    import os

    import xai_digest.pipeline as pipeline

    monkeypatch.setattr(pipeline, "OVERLAP_MIN_CACHED", 10)
    project, cache = copies(tmp_path), tmp_path / "cache"
    load_records(project, cache_dir=cache, jobs=1)
    edited = project.seeds_dir / "3_002_2e7849efe231b912.txt"
    edited.write_text(edited.read_text("utf-8").replace("500 億ドル", "600 億ドル", 1), encoding="utf-8")
    pids = tmp_path / "pids"
    analyse = pipeline.process_seed

    def noting_the_process(*args):
        with open(pids, "a") as file:
            file.write(f"{os.getpid()}\n")
        return analyse(*args)

    monkeypatch.setattr(pipeline, "process_seed", noting_the_process)
    overlapped = load_records(project, cache_dir=cache, jobs=2)
    assert overlapped.cache_misses == 1 and overlapped.cache_hits == 39
    assert pids.read_text().split() != [str(os.getpid())] and len(pids.read_text().split()) == 1  # another process
    fresh = load_records(project, jobs=1)
    assert [r.to_dict() for r in overlapped.records] == [r.to_dict() for r in fresh.records]
    assert overlapped.reports == fresh.reports


def test_a_cache_entry_that_cannot_be_read_is_analysed_again(tmp_path):
    project, cache = copies(tmp_path, 1), tmp_path / "cache"
    first = load_records(project, cache_dir=cache, jobs=1)
    entries = sorted((cache / "records").iterdir())
    entries[2].write_text('{"record": {"title": ', encoding="utf-8")  # cut short
    again = load_records(project, cache_dir=cache, jobs=1)
    assert again.cache_hits == 4 and again.cache_misses == 1
    assert [r.to_dict() for r in again.records] == [r.to_dict() for r in first.records]


def test_the_analyzers_data_problems_are_reported_once_from_workers_as_from_one_process(tmp_path, monkeypatch):
    import xai_digest.pipeline as pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_SEEDS", 2)
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    aliases = content / "entities.yaml"
    aliases.write_text(aliases.read_text("utf-8").replace("entities:\n", "entities:\n  - {kind: organization}\n", 1), encoding="utf-8")
    project = copies(tmp_path, 2)
    project = Project(seeds_dir=project.seeds_dir, content_dir=content)

    pooled = load_records(project, jobs=2)
    inline = load_records(project, jobs=1)

    problems = [r for r in pooled.reports if r.source_file == str(aliases)]
    assert [r.message for r in problems] == ["1 番目の項目に name がありません。使いません"]
    assert pooled.reports == inline.reports


def test_a_build_with_every_record_cached_does_not_load_the_analyzer(tmp_path):
    """fugashi and the figure patterns take ~0.1 s to load: a build that analyses nothing skips them."""
    import subprocess
    import sys

    project = copies(tmp_path, 1)
    script = (
        "import sys\n"
        "from xai_digest.cli import main\n"
        f"main(['build', '--seeds', {str(project.seeds_dir)!r}, '--content', {str(CONTENT)!r}, '--out', {str(tmp_path / 'site')!r},"
        f" '--cache', {str(tmp_path / 'cache')!r}, '--no-search', '-q', '--jobs', '1'])\n"
        "print('xai_digest.analyze.analyzer' in sys.modules, 'fugashi' in sys.modules)\n"
    )
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    (project.seeds_dir / "0_000_6ad7681111780b01.txt").touch()  # read again, found in the cache
    (tmp_path / "site" / "index.html").unlink()  # not an unchanged site: the build runs through
    second = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert first.stdout.split() == ["True", "True"]  # analysed: the check can see the modules
    assert second.stdout.split() == ["False", "False"]
    assert (tmp_path / "site" / "index.html").is_file()  # and the build was whole


def test_a_cache_that_cannot_be_written_is_reported_and_the_site_still_builds(project):
    """A file where the cache folder should be (or a full disk): one report naming it, every page written."""
    blocked = project / "cache-is-a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    result = build_site(project / "seeds", project / "content", None, project / "site", search=False, cache_dir=blocked)
    assert result.articles == 5 and (project / "site" / "index.html").is_file()
    cache_reports = [r for r in result.reports if r.source_file == str(blocked)]
    assert len(cache_reports) == 1 and "キャッシュに書き込めません" in cache_reports[0].message
    assert cache_reports[0].level == "warning"
