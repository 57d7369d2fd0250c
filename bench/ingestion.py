"""Ingest throughput: end to end into the embedded engine against the raw extractor on the same files, in one run.

    .venv/bin/python bench/ingestion.py [--pages 2000] [--files 100] [--engines pypdfium2,pdfminer]
                                     [--pdfminer-pages 300] [--workers 1,2] [--repeat 3] [--profile auto]
                                     [--one-page-files 2000]
    .venv/bin/python bench/ingestion.py --quick        # a tiny run, for the test suite

Writes a generated corpus of born-digital Dutch PDFs once (paragraphs of the demo documents shuffled per page, plus
a paragraph of words drawn from the Dutch word list by frequency, so the vocabulary grows as in real text), then
for each engine and worker count, alternately (median of --repeat):

- raw: `ingest.extractors.extract` over the same files in a plain process pool of the same size (fork), timed from
  creating the pool to its shutdown; only the page count travels back;
- end to end: `Ingestor(..., workers=n, ocr="never").run(files)` into a fresh data dir with the embedded engine,
  timed from opening the index to closing the ingestor.

Each measurement runs in a freshly spawned interpreter (imports done before the clock starts), so every end-to-end
run pays its own forkserver and worker start-up, as `openarchief ingest` does. pdfminer.six is ~30x slower: it
gets the first files of the corpus up to --pdfminer-pages pages. Then the peak RSS of one worker (forkserver with
`ingest.process` preloaded, the pipeline's memory cap) running `process_file` on one --rss-pages PDF, and, when
an overhead target is missed (or --profile always), where the time goes: each stage's cost per page, one process,
no contention. Last, the per-file overhead: --one-page-files generated one-page PDFs (short notes) end to end with each
worker count. Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import itertools
import multiprocessing
import os
import pickle
import pstats
import random
import re
import resource
import statistics
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import Path

from openarchief.ingest.extractors import extract, get_extractor  # noqa: E402

# openarchief.demo.pdf (reportlab, PIL) is imported where the corpus is written, not here: every measuring process and
# worker imports this module as its __main__, and should carry no more than the pipeline's own workers.

TARGET_PAGES_PER_S = 1000  # end to end, fast engine, 2 workers, 2 cores (issue 18; issue 4 asked 500)
TARGET_SCALING = 1.8  # 2 workers against 1
TARGET_FILES_PER_S = 500  # one-page files, 2 workers
TARGET_OVERHEAD = 10.0  # % of the raw extractor's time
TARGET_RSS_MB = 400  # one worker on a 2,000-page PDF
FAST_ENGINE = "pypdfium2"
CHARS_PER_PAGE = 2700  # a budget: pages come out at ~1,950 characters (the real PDFs of the test corpus: ~2,170)
LINE_CHARS = 76  # an 11 pt DejaVu Sans line of openarchief.demo.pdf.write_pdf holds ~80 characters
MAX_LINES = 42  # openarchief.demo.pdf.write_pdf fits ~44 lines on an A4 page
FUNCTION_WORDS = "de het een van en in op voor met te dat die is aan door als bij om ook niet zijn wordt naar".split()
# Broken at a line end wherever they occur, as real layouts do now and then (the hyphen repair then has work).
HYPHENATE = [
    "gemeentelijke",
    "omgevingsvergunning",
    "bestemmingsplan",
    "Noord-Holland",
    "Woo-verzoek",
    "gezondheidszorg",
    "gemeentefonds",
    "toegankelijkheid",
    "beschikbaar",
    "openbaarmaking",
]
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()


# --- corpus -------------------------------------------------------------------------------------------------------


def _body_paragraphs() -> list[str]:
    """Dutch prose from the demo documents: paragraphs of running text (no lists, no English press release)."""
    from openarchief.demo.documents import DEMO_DOCUMENTS

    found = []
    for doc in DEMO_DOCUMENTS:
        if doc.kind != "text" or doc.file.startswith("press-release"):
            continue
        for page in doc.pages:
            for para in re.split(r"\n[ \t]*\n", page):
                para = " ".join(para.split())
                if len(para) >= 150:
                    found.append(para)
    return found


def _vocabulary() -> tuple[list[str], list[float]]:
    """The 30,000 most frequent words of the project's Dutch word list, with Zipf cumulative weights."""
    text = resources.files("openarchief.search").joinpath("data", "nl_words.txt").read_text(encoding="utf-8")
    words = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")][:30_000]
    return words, list(itertools.accumulate(1 / (rank + 20) for rank in range(len(words))))


def _lines(text: str) -> int:
    return sum(max(1, -(-len(line) // LINE_CHARS)) for line in text.split("\n"))


class TextMaker:
    """Deterministic Dutch page texts, different on every page."""

    def __init__(self, seed: int = 4):
        from openarchief.demo.documents import DEMO_DOCUMENTS

        self.rng = random.Random(seed)
        self.body = _body_paragraphs()
        self.words, self.weights = _vocabulary()
        self.titles = [d.title for d in DEMO_DOCUMENTS if d.title and not d.file.startswith("press-release")]

    def _sentence(self) -> str:
        rng = self.rng
        picked = rng.choices(self.words, cum_weights=self.weights, k=rng.randint(6, 14))
        mixed = [w if i % 2 else rng.choice(FUNCTION_WORDS) + " " + w for i, w in enumerate(picked)]
        text = " ".join(mixed)
        return text[0].upper() + text[1:] + "."

    def page(self, file_no: int, page_no: int, page_count: int) -> str:
        rng = self.rng
        parts = [f"Kenmerk OA-{file_no:04d}-{page_no:03d}  Pagina {page_no} van {page_count}"]
        if page_no == 1:
            date = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2005, 2025)}"
            parts.append(f"Datum: {date}\nBetreft: {rng.choice(self.titles)} ({file_no})")
        generated = " ".join(self._sentence() for _ in range(5))
        budget = CHARS_PER_PAGE - len(generated)
        for para in rng.sample(self.body, len(self.body)):
            text = "\n\n".join(parts + [para, generated])
            if len(para) <= budget and _lines(text) + len(parts) <= MAX_LINES:
                parts.append(para)
                budget -= len(para)
            if budget < 300:
                break
        parts.insert(rng.randint(1, len(parts)), generated)
        return "\n\n".join(parts)


def _sizes(pages: int, files: int, rng: random.Random) -> list[int]:
    """`files` page counts that vary around the mean (0.2 to 1.8 times it) and add up to `pages`."""
    weights = [rng.uniform(0.2, 1.8) for _ in range(files)]
    sizes = [max(1, round(w / sum(weights) * pages)) for w in weights]
    while sum(sizes) != pages:
        i = max(range(files), key=sizes.__getitem__) if sum(sizes) > pages else rng.randrange(files)
        sizes[i] += 1 if sum(sizes) < pages else -1
    return sizes


def build_corpus(folder: Path, pages: int, files: int, rss_pages: int) -> tuple[list[tuple[Path, int]], Path]:
    """The corpus (path, page count) and one big PDF of rss_pages pages, in separate folders."""
    from openarchief.demo.pdf import write_pdf

    maker = TextMaker()
    corpus = []
    for n, size in enumerate(_sizes(pages, files, random.Random(5)), 1):
        texts = [maker.page(n, p, size) for p in range(1, size + 1)]
        path = folder / "corpus" / f"document-{n:04d}.pdf"
        corpus.append((write_pdf(path, texts, hyphenate_at=HYPHENATE), size))
    big = [maker.page(0, p, rss_pages) for p in range(1, rss_pages + 1)]
    return corpus, write_pdf(folder / "big" / f"bulk-{rss_pages}-pages.pdf", big, hyphenate_at=HYPHENATE)


# --- measurements, each in a fresh interpreter --------------------------------------------------------------------


def _child_main(target, args, conn) -> None:
    try:
        conn.send(("ok", target(*args)))
    except BaseException:  # the parent reports it
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def in_fresh_process(target, *args):
    """Run target(*args) in a spawned interpreter; returns what it returns."""
    ctx = multiprocessing.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child_main, args=(target, args, send))
    process.start()
    send.close()
    try:
        status, value = receive.recv()
    except EOFError:
        status, value = "error", "the measuring process died"
    process.join()
    if status != "ok":
        raise SystemExit(f"{target.__name__} failed:\n{value}")
    return value


def _page_count(path: Path, engine: str) -> int:
    return len(extract(path, engine).pages)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _forkserver_cpu() -> float | None:
    """CPU seconds of this process's forkserver and of the workers it forked and reaped (the pipeline's pool)."""
    from multiprocessing import forkserver

    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)  # private, but the only handle on it
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError, TypeError):
        return None
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime


def raw_run(paths: list[Path], engine: str, workers: int) -> tuple[float, int, float]:
    """The raw extractor in a plain process pool of `workers` (fork); seconds, pages and CPU seconds."""
    get_extractor(engine)  # the engine's import, as a script's imports, happens before the clock
    cpu = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        pages = sum(pool.map(_page_count, paths, itertools.repeat(engine)))
    seconds = time.perf_counter() - started
    return seconds, pages, _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) - cpu


def end_to_end_run(paths: list[Path], engine: str, workers: int, data_dir: Path) -> tuple[float, int, float | None]:
    """The pipeline into a fresh embedded index; seconds, pages and CPU seconds (this process, the forkserver and
    its workers), after checking that every file was indexed."""
    seconds, pages, parent, workers_cpu = end_to_end_split(paths, engine, workers, data_dir)
    return seconds, pages, None if workers_cpu is None else parent + workers_cpu


def end_to_end_split(
    paths: list[Path], engine: str, workers: int, data_dir: Path
) -> tuple[float, int, float, float | None]:
    """As end_to_end_run, with the CPU seconds of this process (the pipeline's parent) and of the workers apart."""
    from openarchief.ingest.pipeline import Ingestor
    from openarchief.search import Index, Settings

    cpu = _cpu(resource.RUSAGE_SELF)
    started = time.perf_counter()
    settings = Settings(data_dir=data_dir, engine="embedded")
    index = Index(settings)
    ingestor = Ingestor(settings, index, engine, workers=workers, ocr="never")
    try:
        summary = ingestor.run(paths)
    finally:
        ingestor.close()
    seconds = time.perf_counter() - started
    cpu = _cpu(resource.RUSAGE_SELF) - cpu
    workers_cpu = _forkserver_cpu()  # started by this run: all of its CPU belongs to it
    wrong = [o for o in summary.outcomes if o.status != "indexed"]
    if wrong or index.count() != len(paths):
        raise RuntimeError(f"not all files were indexed: {wrong[:3]} (index holds {index.count()} of {len(paths)})")
    return seconds, summary.pages, cpu, workers_cpu


def build_one_page_corpus(folder: Path, files: int) -> list[Path]:
    """`files` one-page PDFs: short notes (3-6 sentences, a reference, a subject), each with a word of its own."""
    from openarchief.demo.pdf import write_pdf

    maker, rng = TextMaker(seed=11), random.Random(12)
    paths = []
    for n in range(1, files + 1):
        text = " ".join(maker._sentence() for _ in range(rng.randint(3, 6)))
        body = f"Kenmerk EP-{n:05d}\n\nBetreft: korte notitie {n}\n\n{text} Uniek woord: zoekwoord{n:05d}x."
        paths.append(write_pdf(folder / f"notitie-{n:05d}.pdf", [body], title=f"Korte notitie {n}"))
    return paths


def one_page_files(folder: Path, files: int, worker_counts: list[int], repeat: int) -> None:
    """Per-file overhead: many one-page PDFs end to end (hashing, blob copy, ledger, hand-off to and from the
    workers, index commits), each worker count in turn, runs alternating; median files/s and CPU per file."""
    started = time.perf_counter()
    paths = build_one_page_corpus(folder / "one-page", files)
    print(f"\nOne-page files: {files} generated PDFs (written in {time.perf_counter() - started:.0f} s)\n")
    runs: dict[int, list] = {n: [] for n in worker_counts}
    for round_no in range(repeat):
        for workers in worker_counts:
            data = folder / f"one-page-data-{workers}-{round_no}"
            runs[workers].append(in_fresh_process(end_to_end_split, paths, FAST_ENGINE, workers, data))
    print("| workers | files/s | CPU ms a file: pipeline's parent | workers | total |")
    print("|---|---|---|---|---|")
    rates = {}
    for workers, measured in runs.items():
        rates[workers] = files / statistics.median(s for s, _, _, _ in measured)
        parent = statistics.median(p for _, _, p, _ in measured) * 1000 / files
        pool = [w for _, _, _, w in measured if w is not None]
        pool_ms = statistics.median(pool) * 1000 / files if pool else float("nan")
        print(f"| {workers} | {rates[workers]:.0f} | {parent:.2f} | {pool_ms:.2f} | {parent + pool_ms:.2f} |")
    print(f"\n(median of {repeat}, worker counts alternating, each run in a fresh interpreter; {FAST_ENGINE})")
    if 2 in rates:
        print(
            f"One-page files, 2 workers: {rates[2]:.0f} files/s; target >= {TARGET_FILES_PER_S}: "
            + ("met" if rates[2] >= TARGET_FILES_PER_S else "MISSED")
        )
    if 1 in rates and 2 in rates:
        print(f"One-page files, 2 workers / 1 worker: {rates[2] / rates[1]:.2f}")


def _worker_peak(job, memory_mb: int, conn) -> None:
    from openarchief.ingest.process import limit_memory, process_file
    from openarchief.search.failures import Failure

    limit_memory(memory_mb)
    idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    result = process_file(job)
    size = len(pickle.dumps(result))  # the worker pickles its result for the parent too
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    failure = f"{result.reason}: {result.detail}" if isinstance(result, Failure) else None
    conn.send((idle, peak, seconds, size, failure))
    conn.close()


def worker_rss(pdf: Path, engine: str, data_dir: Path) -> tuple[float, float, float, float]:
    """Idle and peak RSS (MB) of a pipeline-like worker on one PDF, the seconds it took and the result's MB."""
    from openarchief.ingest.process import Job
    from openarchief.search import Settings
    from openarchief.search.blobs import open_blob_store, sha256_of

    settings = Settings(data_dir=data_dir)
    job = Job(
        path=pdf,
        relative=pdf.name,
        sha256=sha256_of(pdf),
        blobs=open_blob_store(settings),
        extractor=engine,
        ocr="never",
        max_bytes=settings.max_file_mb * 1_000_000,
    )
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["openarchief.ingest.process"])  # as the pipeline's workers
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_worker_peak, args=(job, settings.worker_memory_mb, send))
    process.start()
    send.close()
    try:
        idle, peak, seconds, size, failure = receive.recv()
    except EOFError:
        failure = "the worker died (e.g. killed for its memory)"
    process.join()
    if failure:
        raise SystemExit(f"the worker failed on {pdf.name}: {failure}")
    return idle / 1024, peak / 1024, seconds, size / 1e6  # ru_maxrss is in KB on Linux


# --- where the time goes ------------------------------------------------------------------------------------------


class Stages:
    """Wall and CPU time per named stage, collected by wrapping functions in place (in a throwaway process)."""

    def __init__(self):
        self.seconds: dict[str, list[float]] = {}  # stage -> [wall, CPU]
        self._originals: list[tuple[object, str, object]] = []

    def add(self, stage: str, wall: float, cpu: float) -> None:
        total = self.seconds.setdefault(stage, [0.0, 0.0])
        total[0] += wall
        total[1] += cpu

    def wrap(self, owner, name: str, stage: str) -> None:
        original = getattr(owner, name)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.add(stage, time.perf_counter() - wall, time.process_time() - cpu)

        self._originals.append((owner, name, original))
        setattr(owner, name, timed)

    def restore(self) -> None:
        for owner, name, original in reversed(self._originals):
            setattr(owner, name, original)
        self._originals.clear()


def breakdown(paths: list[Path], engine: str, folder: Path) -> dict:
    """Each stage's cost for `paths` in this one process, with the pipeline's own code: the parent's queueing
    (hashing, ledger), the worker's process_file stage by stage and its result's pickle round trip, then the parent's
    writes (ledger, index analysis, tantivy) in the pipeline's batches; plus one cProfile pass over the whole. Run it
    in a fresh interpreter: one-time loads then show in the first file's figures."""
    from openarchief.ingest import metadata as metadata_module
    from openarchief.ingest import pipeline, process
    from openarchief.ingest.ledger import Ledger
    from openarchief.search import Index, Settings
    from openarchief.search._embedded import EmbeddedEngine
    from openarchief.search.blobs import LocalBlobStore, open_blob_store

    settings = Settings(data_dir=folder / "parent", engine="embedded")
    parent = Stages()
    for name in (
        "record",
        "record_all",
        "files",
        "enqueue_all",
        "withdrawals_of",
        "queued_or_indexed_paths_for",
        "jobs",
    ):
        parent.wrap(Ledger, name, "ledger: file rows")
    parent.wrap(Ledger, "save_document", "ledger: document JSON")
    parent.wrap(pipeline, "sha256_of", "hashing")
    parent.wrap(EmbeddedEngine, "_entries", "index: analysis")
    parent.wrap(EmbeddedEngine, "index", "index: total")
    ingestor = pipeline.Ingestor(settings, Index(settings), engine, workers=1, ocr="never")
    ingestor.queue(paths)
    records = ingestor.ledger.jobs()

    worker = Stages()
    worker.wrap(process, "check_pdf", "check")
    worker.wrap(LocalBlobStore, "put", "blob copy")
    worker.wrap(process, "extract", "extract")
    worker.wrap(process, "normalize_page", "normalise")
    worker.wrap(metadata_module, "collect", "metadata")
    worker.wrap(process, "detect_language", "language")
    worker.wrap(process, "process_file", "process_file")
    worker.wrap(pickle, "dumps", "result pickle")
    worker.wrap(pickle, "loads", "result pickle")
    first: dict = {}
    documents = []
    for n, record in enumerate(records):
        job = ingestor._job(record)
        ingestor.ledger.record(
            record.path,
            "failed",
            reason="interrupted",
            relative=record.relative,
            sha256=record.sha256,
            size=record.size,
            mtime=record.mtime,
        )
        result = pickle.loads(pickle.dumps(process.process_file(job)))  # worker to parent, as pebble does
        if isinstance(result, process.Failure):
            raise RuntimeError(f"{job.path.name}: {result.reason} {result.detail}")
        documents.append((record, result))
        if n == 0 and len(records) > 1:  # one-time loads (engine import, word list, langdetect profiles) land here
            first = {"pages": result.document.page_count, **{k: v[0] for k, v in worker.seconds.items()}}
            worker.seconds.clear()
    worker.restore()
    for start in range(0, len(documents), pipeline.BATCH_SIZE):  # as Ingestor._work and _flush
        batch = documents[start : start + pipeline.BATCH_SIZE]
        for _, done in batch:
            ingestor.ledger.save_document(done.document)
        ingestor.index.index([done.document for _, done in batch])
        for record, done in batch:
            ingestor.ledger.record(record.path, "indexed", pages=done.document.page_count, extract_ms=done.extract_ms)
    ingestor.close()
    parent.restore()
    total, analysis = parent.seconds.pop("index: total"), parent.seconds["index: analysis"]
    parent.seconds["index: tantivy"] = [total[0] - analysis[0], total[1] - analysis[1]]
    inner = [sum(v[i] for k, v in worker.seconds.items() if k not in ("process_file", "result pickle")) for i in (0, 1)]
    outer = worker.seconds.pop("process_file")
    worker.seconds["document, rest"] = [outer[0] - inner[0], outer[1] - inner[1]]

    profiler = cProfile.Profile()
    profiled = Settings(data_dir=folder / "profiled", engine="embedded")
    index = Index(profiled)
    profiler.enable()
    docs = [
        process.process_file(process.Job(**{**ingestor._job(r).__dict__, "blobs": open_blob_store(profiled)})).document
        for r, _ in documents
    ]
    for start in range(0, len(docs), pipeline.BATCH_SIZE):
        index.index(docs[start : start + pipeline.BATCH_SIZE])
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(14)
    pages = [done.document.page_count for _, done in documents]
    return {
        "worker": worker.seconds,
        "parent": parent.seconds,
        "first": first,
        "pages": sum(pages),
        "steady_pages": sum(pages[1:]) if first else sum(pages),
        "profile": out.getvalue(),
    }


def fixed_costs(tiny: Path, engine: str, workers: int, folder: Path) -> tuple[float, float]:
    """Seconds of an end-to-end run and of a raw run on one 1-page file: what a run costs before any real work."""
    e2e = in_fresh_process(end_to_end_run, [tiny], engine, workers, folder / "fixed")[0]
    raw = in_fresh_process(raw_run, [tiny], engine, workers)[0]
    return e2e, raw


WORKER_ORDER = ["check", "blob copy", "extract", "normalise", "metadata", "language", "document, rest", "result pickle"]
PARENT_ORDER = ["hashing", "ledger: file rows", "ledger: document JSON", "index: analysis", "index: tantivy"]


def print_breakdown(engine: str, result: dict, fixed: tuple[float, float], workers: int) -> None:
    pages, steady = result["pages"], result["steady_pages"]
    worker, parent = result["worker"], result["parent"]
    extract_cpu = worker["extract"][1] / steady
    which = f"{steady} pages after the first file" if result["first"] else f"{steady} pages, one-time loads included"
    print(
        f"\nWhere the time goes, {engine}: the pipeline's code in one process, no pool, {which}; "
        "x = CPU time as a multiple of the extractor's\n"
    )
    print("| side | stage | wall ms/page | CPU ms/page | x extract (CPU) |")
    print("|---|---|---|---|---|")
    sides = (("worker", worker, steady, WORKER_ORDER), ("parent", parent, pages, PARENT_ORDER))
    for side, stages, count, order in sides:
        for stage in sorted(stages, key=lambda k: (order + [k]).index(k)):
            wall, cpu = (s / count * 1000 for s in stages[stage])
            print(f"| {side} | {stage} | {wall:.3f} | {cpu:.3f} | {cpu / 1000 / extract_cpu:.2f} |")
        wall, cpu = (sum(v[i] for v in stages.values()) / count * 1000 for i in (0, 1))
        print(f"| {side} | **total** | {wall:.3f} | {cpu:.3f} | {cpu / 1000 / extract_cpu:.2f} |")
    first = result["first"]
    if first:
        per_page = sum(v[0] for k, v in worker.items() if k != "result pickle") / steady
        print(
            f"\nFirst file in a fresh process ({first['pages']} pages): {first['process_file'] * 1000:.0f} ms, "
            f"{(first['process_file'] - first['pages'] * per_page) * 1000:.0f} ms more than its pages cost later "
            "(one-time loads); by stage: "
            + ", ".join(f"{k} {first[k] * 1000:.0f} ms" for k in WORKER_ORDER if k in first)
        )
    print(
        f"One 1-page file, {workers} worker(s), wall: end to end {fixed[0]:.2f} s, raw pool {fixed[1]:.2f} s "
        "(process start-up and first-use loads, paid once per run)"
    )
    print("\ncProfile of the same work (worker and parent in one process), top functions by own time:\n")
    print("```")
    lines = result["profile"].splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    print("\n".join(line.rstrip() for line in lines[start:] if line.strip()))
    print("```")


# --- main ---------------------------------------------------------------------------------------------------------


def subset(corpus: list[tuple[Path, int]], pages: int) -> list[tuple[Path, int]]:
    """The first files of the corpus that hold at least `pages` pages."""
    chosen = []
    for item in corpus:
        if sum(n for _, n in chosen) >= pages:
            break
        chosen.append(item)
    return chosen


def _load() -> str:
    """The 1-minute load average: other work on a shared machine shows here."""
    return f"{os.getloadavg()[0]:.1f}"


def versions() -> str:
    from importlib.metadata import version

    names = ("pypdfium2", "pdfminer.six", "tantivy", "langdetect", "pebble", "pydantic")
    return ", ".join(f"{name} {version(name)}" for name in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000, help="pages in the corpus (fast engine)")
    parser.add_argument("--files", type=int, default=100, help="files in the corpus (pages vary per file)")
    parser.add_argument("--engines", default="pypdfium2,pdfminer", help="extraction engines, comma-separated")
    parser.add_argument("--pdfminer-pages", type=int, default=300, help="pdfminer gets the first files up to this")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (median)")
    parser.add_argument("--rss-pages", type=int, default=2000, help="pages of the one PDF for the worker's RSS")
    parser.add_argument(
        "--profile",
        choices=("auto", "always", "never"),
        default="auto",
        help="stage breakdown: auto = for an engine that misses the overhead target",
    )
    parser.add_argument("--one-page-files", type=int, default=2000, help="one-page PDFs for the per-file run (0: none)")
    parser.add_argument("--quick", action="store_true", help="a tiny run (test suite): 40 pages, no profile")
    args = parser.parse_args()
    if not 1 <= args.files <= args.pages:
        parser.error("--files must be between 1 and --pages")
    if args.quick:
        args.pages, args.files, args.pdfminer_pages, args.rss_pages, args.repeat = 40, 4, 8, 40, 1
        args.one_page_files = min(args.one_page_files, 10)
        args.profile = "never" if args.profile == "auto" else args.profile
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    worker_counts = [int(w) for w in args.workers.split(",")]
    for engine in engines:
        get_extractor(engine)  # an unknown name fails here, before any work

    load_before = _load()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        corpus, big = build_corpus(folder, args.pages, args.files, args.rss_pages)
        size_mb = sum(p.stat().st_size for p, _ in corpus) / 1e6
        sizes = [n for _, n in corpus]
        print(
            f"Corpus: {args.pages} pages in {args.files} files ({min(sizes)}-{max(sizes)} pages, {size_mb:.1f} MB), "
            f"written in {time.perf_counter() - started:.0f} s; {os.cpu_count()} CPU cores; {versions()}\n"
        )

        rows, missed = [], []
        runs = itertools.count()
        for engine in engines:
            chosen = subset(corpus, args.pdfminer_pages) if engine == "pdfminer" else corpus
            paths, pages = [p for p, _ in chosen], sum(n for _, n in chosen)
            for workers in worker_counts:
                raw, e2e = [], []
                for _ in range(args.repeat):  # alternate, so drift on a shared machine hits both alike
                    raw.append(in_fresh_process(raw_run, paths, engine, workers))
                    e2e.append(in_fresh_process(end_to_end_run, paths, engine, workers, folder / f"data-{next(runs)}"))
                if {n for _, n, _ in raw + e2e} != {pages}:
                    raise SystemExit(f"page counts differ: {raw} {e2e}, expected {pages}")
                raw_s, e2e_s = (statistics.median(s for s, _, _ in runs_) for runs_ in (raw, e2e))
                cpu = [
                    statistics.median(c for _, _, c in runs_) if all(c for _, _, c in runs_) else None
                    for runs_ in (raw, e2e)
                ]
                overhead = (e2e_s / raw_s - 1) * 100
                if overhead > TARGET_OVERHEAD and engine not in missed:
                    missed.append(engine)
                rows.append((engine, pages, len(paths), workers, pages / raw_s, pages / e2e_s, overhead, cpu))

        print(
            "| engine | pages (files) | workers | raw extractor pages/s (same files, pool of the same size) "
            "| end-to-end pages/s | overhead % | CPU ms/page, raw / end to end |"
        )
        print("|---|---|---|---|---|---|---|")
        for engine, pages, files, workers, raw_rate, e2e_rate, overhead, cpu in rows:
            note = f", fewer: --pdfminer-pages {args.pdfminer_pages}" if engine == "pdfminer" else ""
            cpu_text = " / ".join("n/a" if c is None else f"{c / pages * 1000:.2f}" for c in cpu)
            print(
                f"| {engine} | {pages} ({files}){note} | {workers} | {raw_rate:.0f} | {e2e_rate:.0f} "
                f"| {overhead:+.0f} | {cpu_text} |"
            )
        print(
            f"\n(median of {args.repeat}, raw and end to end alternating, each run in a fresh interpreter; "
            "overhead = end-to-end seconds / raw seconds - 1; CPU = all processes of the run, the pipeline's "
            f"forkserver and workers included; load average before/after: {load_before} / {_load()})"
        )

        for engine in engines:
            idle, peak, seconds, size = worker_rss(big, engine, folder / f"rss-{engine}")
            print(
                f"Worker RSS, {engine}, one {args.rss_pages}-page PDF: peak {peak:.0f} MB (idle worker "
                f"{idle:.0f} MB; {seconds:.1f} s; result {size:.1f} MB pickled); target <= {TARGET_RSS_MB} MB: "
                + ("met" if peak <= TARGET_RSS_MB else "MISSED")
            )

        fast = {r[3]: r[5] for r in rows if r[0] == FAST_ENGINE}
        if 2 in fast:
            print(
                f"End to end, {FAST_ENGINE}, 2 workers: {fast[2]:.0f} pages/s; target >= {TARGET_PAGES_PER_S}: "
                + ("met" if fast[2] >= TARGET_PAGES_PER_S else "MISSED")
            )
        if 1 in fast and 2 in fast:
            print(
                f"End to end, {FAST_ENGINE}, 2 workers / 1 worker: {fast[2] / fast[1]:.2f}; target >= "
                f"{TARGET_SCALING}: " + ("met" if fast[2] / fast[1] >= TARGET_SCALING else "MISSED")
            )
        print(f"Overhead target <= {TARGET_OVERHEAD:.0f} %: " + (f"MISSED by {', '.join(missed)}" if missed else "met"))

        if args.one_page_files:
            one_page_files(folder, args.one_page_files, worker_counts, args.repeat)

        profiled = engines if args.profile == "always" else missed if args.profile == "auto" else []
        from openarchief.demo.pdf import write_pdf

        tiny = write_pdf(folder / "tiny" / "one-page.pdf", [TextMaker(seed=9).page(1, 1, 1)])
        for engine in profiled:
            chosen = subset(corpus, args.pdfminer_pages) if engine == "pdfminer" else corpus
            result = in_fresh_process(breakdown, [p for p, _ in chosen], engine, folder / f"profile-{engine}")
            fixed = fixed_costs(tiny, engine, max(worker_counts), folder / f"fixed-{engine}")
            print_breakdown(engine, result, fixed, max(worker_counts))


if __name__ == "__main__":
    main()
