#!/usr/bin/python3
"""gen-systems-2020.py - writes the demo's system exports for 2020.

    /usr/bin/python3 tools/gen-systems-2020.py [--input DIR] [--out DIR] [--rows N]

Reads the 2020 demo's submissions (input/2020/, with the independent
reader of tools/demolib.py) and writes, into input/2020/systems/:

  dossiers.csv      the one-stop system's export: one row per dossier.
                    Per unit, the dossiers received in 2020 are exactly its
                    gd.ho_so, and those finished after their due time
                    exactly its gd.ho_so_tre (403.086 and 4.127 in all);
                    the online channels add up to the province's
                    gd.ho_so_muc_3 and gd.ho_so_muc_4.  Some dossiers of
                    2019 and 2021 are mixed in, and some 2020 ones are still
                    open: none of them may count.
  documents.csv     the document axis's log: 1.817.077 documents sent in
                    2020 (the province's cd.vb_lien_thong), and some of 2019
                    and 2021 that must not count.

Plain CSV (135 MB), as a system's dump usually comes, which the program
reads with both cores; --gzip writes dossiers.csv.gz and documents.csv.gz
instead (24 MB), read by one.  The files are generated at demo and test
time, never committed (make demo, make test).  Deterministic: a fixed seed
(and gzip without a time stamp) give the same bytes every run.  After writing, the script reads both files back
and checks every count; it exits non-zero when one is off.

--rows N writes instead a dossiers export of N rows (dossiers.csv, or
dossiers.csv.gz with --gzip) spread over the
registry's units, for the benchmark (tools/bench.sh); its counts agree with
nothing.
"""

import argparse
import datetime
import gzip
import io
import os
import random
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import demolib as L  # noqa: E402

SEED = 20201232
YEAR = 2020
ROOT = os.path.dirname(HERE)
BASE = datetime.date(YEAR - 1, 1, 1)          # day 0 of the day table

# Dates from 2019-01-01 to 2022-12-31 and times of the working day, as text,
# computed once: formatting a time for each of two million rows is slow.
DAYS = [(BASE + datetime.timedelta(days=i)).isoformat() for i in range(4 * 366)]
TIMES = ["%02d:%02d:%02d" % (h, m, s) for h in range(7, 18) for m in range(0, 60, 7)
         for s in (0, 17, 42)]
Y0 = (datetime.date(YEAR, 1, 1) - BASE).days   # first day of the year
NDAYS = (datetime.date(YEAR + 1, 1, 1) - datetime.date(YEAR, 1, 1)).days


def fail(msg):
    sys.stderr.write("gen-systems-2020: %s\n" % msg)
    sys.exit(1)


def stamp(day, rng):
    return DAYS[day] + " " + TIMES[rng.randrange(len(TIMES))]


GZIP = False          # --gzip


def gz_writer(path, level=6):
    """A text stream onto path, through gzip when --gzip was given."""
    raw = open(path, "wb")
    if not GZIP:
        return raw, None, io.TextIOWrapper(raw, encoding="ascii", newline="")
    gz = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=level)
    return raw, gz, io.TextIOWrapper(gz, encoding="ascii", newline="")


def close(raw, gz, text):
    text.flush()
    text.detach()
    if gz:
        gz.close()
    raw.close()


def name(base):
    return base + (".csv.gz" if GZIP else ".csv")


def open_text(path):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="ascii")
    return open(path, encoding="ascii", newline="")


def dossier(rng, n, unit, channel, day, late, still_open):
    """One row: received on day; due 5 to 15 days later; finished before
    the due day, after it (late), or not yet."""
    due = day + rng.randint(5, 15)
    if still_open:
        fin = ""
    elif late:
        fin = stamp(due + rng.randint(1, 12), rng)
    else:
        fin = stamp(rng.randint(day, due - 1), rng)
    return "HS%s-%08d,%s,TTHC.%03d,%s,%s,%s,%s\n" % (
        DAYS[day][:4], n, unit, rng.randrange(1, 400), channel, stamp(day, rng),
        stamp(due, rng), fin)


def write_dossiers(path, ds, rng):
    values = ds["values"]
    units = [u for u in ds["order"] if (u, "gd.ho_so") in values]
    prov = [u for u in ds["order"] if ds["units"][u]["level"] == "tinh"][0]
    muc3, muc4 = values[(prov, "gd.ho_so_muc_3")], values[(prov, "gd.ho_so_muc_4")]
    total = sum(values[(u, "gd.ho_so")] for u in units)
    # The online channels of the whole province, dealt over every dossier
    # of the year in a random order.
    channels = (["muc_3"] * muc3 + ["muc_4"] * muc4 +
                ["truc_tiep", "buu_chinh"] * ((total - muc3 - muc4) // 2))
    channels += ["truc_tiep"] * (total - len(channels))
    rng.shuffle(channels)
    rows = []
    n = ci = 0
    for u in units:
        got, late = values[(u, "gd.ho_so")], values[(u, "gd.ho_so_tre")]
        lateset = set(rng.sample(range(got), late))
        for i in range(got):
            day = Y0 + rng.randrange(NDAYS - 20)
            # a few dossiers received in December are still open: not late
            still_open = i not in lateset and rng.random() < 0.004
            if still_open:
                day = Y0 + NDAYS - 1 - rng.randrange(20)
            n += 1
            ci += 1
            rows.append((day, dossier(rng, n, u, channels[ci - 1], day, i in lateset, still_open)))
        # dossiers of the years before and after, which must not count
        for _ in range(got // 150):
            n += 1
            day = Y0 - 1 - rng.randrange(40) if rng.random() < 0.6 else Y0 + NDAYS + rng.randrange(20)
            rows.append((day, dossier(rng, n, u, "truc_tiep", day, rng.random() < 0.2, False)))
    rows.sort(key=lambda r: r[0])
    raw, gz, out = gz_writer(path)
    out.write("dossier_id,unit_code,procedure_code,channel,received_at,due_at,finished_at\n")
    for _, line in rows:
        out.write(line)
    close(raw, gz, out)
    return len(rows)


def write_documents(path, ds, rng):
    prov = [u for u in ds["order"] if ds["units"][u]["level"] == "tinh"][0]
    sent = ds["values"][(prov, "cd.vb_lien_thong")]
    codes = ds["order"]
    raw, gz, out = gz_writer(path)
    out.write("doc_id,sender_code,receiver_code,sent_at\n")
    extra_before, extra_after = sent // 400, sent // 700
    n = 0
    # in order of time: a tail of 2019, the year, a head of 2021
    for count, first, span in ((extra_before, Y0 - 15, 15), (sent, Y0, NDAYS),
                               (extra_after, Y0 + NDAYS, 10)):
        days = sorted(first + rng.randrange(span) for _ in range(count))
        senders = rng.choices(codes, k=count)
        receivers = rng.choices(codes, k=count)
        buf = []
        for day, s, r in zip(days, senders, receivers):
            n += 1
            buf.append("VB%09d,%s,%s,%s\n" % (n, s, r, stamp(day, rng)))
            if len(buf) == 100000:
                out.write("".join(buf))
                buf = []
        out.write("".join(buf))
    close(raw, gz, out)
    return n


def write_bench(path, ds, rows, rng):
    """rows dossiers over the registry's units, for the benchmark."""
    codes = [u for u in ds["order"] if ds["units"][u]["level"] != "tinh"]
    raw, gz, out = gz_writer(path, level=1)
    size = out.write("dossier_id,unit_code,procedure_code,channel,received_at,due_at,finished_at\n")
    chans = ["truc_tiep", "buu_chinh", "muc_3", "muc_4"]
    buf = []
    for n in range(1, rows + 1):
        day = Y0 + (n * 7919) % NDAYS
        t = TIMES[n % len(TIMES)]
        buf.append("HS-%09d,%s,TTHC.%03d,%s,%s %s,%s %s,%s %s\n" % (
            n, codes[(n * 31) % len(codes)], n % 400, chans[n % 4], DAYS[day], t,
            DAYS[day + 10], t, DAYS[day + (n % 13)], t))
        if len(buf) == 200000:
            size += out.write("".join(buf))
            buf = []
    size += out.write("".join(buf))
    close(raw, gz, out)
    return size


# ------------------------------------------------------------------ check

def check(folder, ds):
    values = ds["values"]
    got, late, chan = {}, {}, {}
    with open_text(os.path.join(folder, name("dossiers"))) as f:
        next(f)
        for line in f:
            _, u, _, ch, rec, due, fin = line.rstrip("\n").split(",")
            if not rec.startswith(str(YEAR)):
                continue
            got[u] = got.get(u, 0) + 1
            chan[ch] = chan.get(ch, 0) + 1
            if fin and fin > due:
                late[u] = late.get(u, 0) + 1
    for (u, ind), v in values.items():
        if ind == "gd.ho_so" and got.get(u, 0) != v:
            fail("dossiers of %s: %d, gd.ho_so %d" % (u, got.get(u, 0), v))
        if ind == "gd.ho_so_tre" and late.get(u, 0) != v:
            fail("late dossiers of %s: %d, gd.ho_so_tre %d" % (u, late.get(u, 0), v))
        if ind == "gd.ho_so_muc_3" and chan.get("muc_3", 0) != v:
            fail("muc_3 dossiers: %d, gd.ho_so_muc_3 %d" % (chan.get("muc_3", 0), v))
        if ind == "gd.ho_so_muc_4" and chan.get("muc_4", 0) != v:
            fail("muc_4 dossiers: %d, gd.ho_so_muc_4 %d" % (chan.get("muc_4", 0), v))
    if sum(got.values()) != 403086 or sum(late.values()) != 4127:
        fail("totals %d and %d, not 403.086 and 4.127" % (sum(got.values()), sum(late.values())))
    docs = 0
    with open_text(os.path.join(folder, name("documents"))) as f:
        next(f)
        for line in f:
            docs += line.rsplit(",", 1)[1].startswith(str(YEAR))
    if docs != 1817077:
        fail("documents of %d: %d, not 1.817.077" % (YEAR, docs))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--input", default=os.path.join(ROOT, "input", str(YEAR)))
    ap.add_argument("--out", default=None)
    ap.add_argument("--rows", type=int, default=0)
    ap.add_argument("--gzip", action="store_true")
    a = ap.parse_args()
    global GZIP
    GZIP = a.gzip
    out = a.out or os.path.join(a.input, "systems")
    try:
        ds = L.load_year(a.input)
    except L.CheckError as e:
        fail("cannot read the demo: %s" % e)
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED)
    if a.rows:
        # prints the bytes of text written, for the benchmark's MB/s
        print(write_bench(os.path.join(out, name("dossiers")), ds, a.rows, rng))
        return
    # Written under temporary names and renamed: an interrupted run leaves
    # no half file for make to take as done.
    tmp = [os.path.join(out, "." + name("dossiers") + ".tmp"),
           os.path.join(out, "." + name("documents") + ".tmp")]
    write_dossiers(tmp[0], ds, rng)
    write_documents(tmp[1], ds, rng)
    # the other form of the same exports would be an error (both present)
    for base in ("dossiers", "documents"):
        other = os.path.join(out, base + (".csv" if GZIP else ".csv.gz"))
        if os.path.exists(other):
            os.remove(other)
    os.replace(tmp[1], os.path.join(out, name("documents")))
    os.replace(tmp[0], os.path.join(out, name("dossiers")))
    check(out, ds)


if __name__ == "__main__":
    main()
