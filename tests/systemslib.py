"""Exports of the provincial systems for the test cases (tests/cases/systems-*).

A case's generate script calls these with the year folder being built: the
exports are made from that folder's own submissions, so that they agree
with them, and the script then spoils them on purpose.  Deterministic.
"""
import datetime
import gzip
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tools"))
import demolib  # noqa: E402

DOSSIER_HEADER = ["dossier_id", "unit_code", "procedure_code", "channel", "received_at",
                  "due_at", "finished_at"]
DOCUMENT_HEADER = ["doc_id", "sender_code", "receiver_code", "sent_at"]


def year_of(ydir):
    return int(os.path.basename(os.path.normpath(ydir)))


def when(year, day, hour=9):
    d = datetime.date(year, 1, 1) + datetime.timedelta(days=day)
    return "%s %02d:15:00" % (d.isoformat(), hour)


def dossier_rows(ydir, seed=1):
    """Rows that agree with the year's submissions: per unit gd.ho_so
    dossiers received in the year, gd.ho_so_tre of them finished after
    their due time, one still open; the province's online dossiers by
    channel; and dossiers of the years before and after, which must not
    count."""
    ds = demolib.load_year(ydir)
    year = year_of(ydir)
    v = ds["values"]
    rng = random.Random(seed)
    prov = [u for u in ds["order"] if ds["units"][u]["level"] == "tinh"][0]
    online = ["muc_3"] * v.get((prov, "gd.ho_so_muc_3"), 0) + \
             ["muc_4"] * v.get((prov, "gd.ho_so_muc_4"), 0)
    rows = []
    n = 0
    for u in ds["order"]:
        if (u, "gd.ho_so") not in v:
            continue
        got, late = v[(u, "gd.ho_so")], v.get((u, "gd.ho_so_tre"), 0)
        for i in range(got):
            n += 1
            day = rng.randrange(330)
            ch = online.pop() if online else ("truc_tiep" if i % 3 else "buu_chinh")
            if i < late:
                fin = when(year, day + 20)
            elif i == late:
                fin = ""                       # still open: received, not late
            else:
                fin = when(year, day + 3)
            rows.append(["HS%07d" % n, u, "TTHC.%03d" % (i % 90), ch, when(year, day),
                         when(year, day + 10), fin])
        for day in (-20, 400):                  # another year: not counted
            n += 1
            rows.append(["HS%07d" % n, u, "TTHC.001", "truc_tiep", when(year, day),
                         when(year, day + 10), when(year, day + 30)])
    assert not online, "more online dossiers than dossiers"
    return rows


def document_rows(ydir, seed=2):
    """The province's cd.vb_lien_thong documents sent in the year, and a
    few of the years around it."""
    ds = demolib.load_year(ydir)
    year = year_of(ydir)
    prov = [u for u in ds["order"] if ds["units"][u]["level"] == "tinh"][0]
    sent = ds["values"][(prov, "cd.vb_lien_thong")]
    codes = ds["order"]
    rng = random.Random(seed)
    stamps = [when(year, day, hour) for day in range(-3, 371) for hour in range(8, 17)]
    inside = [s for s in stamps if s.startswith(str(year))]
    outside = [s for s in stamps if not s.startswith(str(year))]
    senders = rng.choices(codes, k=sent + 30)
    receivers = rng.choices(codes, k=sent + 30)
    times = rng.choices(inside, k=sent) + rng.choices(outside, k=30)
    return [["VB%08d" % n, senders[n], receivers[n], times[n]] for n in range(sent + 30)]


def write(ydir, name, header, rows, gz=False):
    """systems/<name>, as CSV (gzip when gz), with the header given."""
    folder = os.path.join(ydir, "systems")
    os.makedirs(folder, exist_ok=True)
    text = ",".join(header) + "\n" + "".join(",".join(r) + "\n" for r in rows)
    path = os.path.join(folder, name + (".gz" if gz else ""))
    if gz:
        with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                     mtime=0) as f:
            f.write(text.encode("utf-8"))
    else:
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    return path
