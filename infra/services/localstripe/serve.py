"""Runs localstripe's own aiohttp app, with two changes its CLI cannot make.

1. Bind 127.0.0.1 only: `localstripe --port` always binds [::] (every interface).
2. Keep its store per checkout: localstripe pickles its whole state to the
   hard-coded /tmp/localstripe.pickle, so two stacks on one machine (a dev
   stack and the smoke test, or two clones) would load and overwrite each
   other's data. Also persist DELETE /_config/data, which upstream only
   clears in memory (the old data came back on the next start).

Written against the exact localstripe version pinned in
infra/services/localstripe.sh; the install step checks that version.

Usage: serve.py --port P --store path/store.pickle [--from-scratch]
"""

import argparse
import logging
import pickle
from pathlib import Path

from aiohttp import web
from localstripe import resources, server


def use_store_file(path: Path) -> None:
    def try_load_from_disk(self):
        try:
            with path.open("rb") as f:
                old = pickle.load(f)
        except FileNotFoundError:
            return
        dict.clear(self)  # not self.clear(): that now also writes the file
        self.update(old)

    def dump_to_disk(self):
        # Write then rename so a crash mid-write never leaves a truncated store.
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as f:
            pickle.dump(dict(self), f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    def clear(self):
        dict.clear(self)
        self.dump_to_disk()

    resources.Store.try_load_from_disk = try_load_from_disk
    resources.Store.dump_to_disk = dump_to_disk
    resources.Store.clear = clear


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--from-scratch", action="store_true")
    args = parser.parse_args()

    args.store.parent.mkdir(parents=True, exist_ok=True)
    use_store_file(args.store)
    if not args.from_scratch:
        resources.store.try_load_from_disk()

    access = logging.getLogger("aiohttp.access")
    access.setLevel(logging.DEBUG)
    access.addHandler(logging.StreamHandler())
    web.run_app(server.app, host="127.0.0.1", port=args.port, access_log=access)


if __name__ == "__main__":
    main()
