"""Working as a team through git: the merge driver and setting git up to use it."""

from __future__ import annotations

from pathlib import Path

import click

from summits import errors, gitsetup, merging, models, storage, wording
from summits import options as opt


@click.command(short_help="Merge two versions of a database: git's merge driver.")
@click.argument("base", type=opt.FilePath(dir_okay=True))
@click.argument("ours", type=opt.FilePath(dir_okay=True))
@click.argument("theirs", type=opt.FilePath(dir_okay=True))
def merge(base: Path, ours: Path, theirs: Path) -> None:
    """Merge THEIRS into OURS, record by record and field by field, against BASE.

    What one side added, changed or removed and the other left alone is taken;
    a field changed two ways is a conflict: OURS keeps its value, each conflict
    is listed on standard error, and the exit status is 1. History entries are
    merged by id. Written for git ('summits git-setup' installs it as the
    driver, which git runs as 'summits merge %O %A %B'); --db is not used.

    \b
    Example:
      summits git-setup
      summits merge base.json mine.json theirs.json
    """
    sides = [merging.load(base, base=True), merging.load(ours), merging.load(theirs)]
    result = merging.merge(*sides)
    storage.atomic_write(ours, storage.dump(result.tables))
    broken = merging.problems(result.tables, ours)
    for clash in result.clashes:
        click.echo(f"conflict: {_clash(clash)}", err=True)
    for problem in broken:
        click.echo(f"{ours}: {wording.sentence(problem)}", err=True)
    taken = ", ".join(f"{n} {word}" for word, n in _taken(result).items() if n)
    click.echo(f"merged: {taken} from theirs" if taken else "merged: nothing new from theirs")
    if result.clashes:
        count = len(result.clashes)
        raise opt.Refused(
            f"{count} conflict{'s' if count != 1 else ''}, listed above; "
            "the merged file keeps our value for each"
        )
    if broken:
        raise opt.Refused(
            "the merged file breaks the rules (listed above); "
            "mend it with summits commands or in an editor, then run 'summits check'"
        )


def _taken(result: merging.Merged) -> dict[str, int]:
    entries = "history entry" if result.entries == 1 else "history entries"
    return {
        "added": result.taken["add"],
        "changed": result.taken["change"],
        "removed": result.taken["remove"],
        entries: result.entries,
    }


def _clash(clash: merging.Clash) -> str:
    where = f"{models.SINGULAR.get(clash.table, clash.table)} {errors.visible(clash.key)}"
    if not clash.field:
        ours = "removed it" if clash.ours is None else "changed it"
        theirs = "removed it" if clash.theirs is None else "changed it"
        return f"{where}: ours {ours}, theirs {theirs} (kept ours)"
    return (
        f"{where}: {clash.field}: ours {errors.quote(clash.ours)}, "
        f"theirs {errors.quote(clash.theirs)} (kept ours)"
    )


@click.command("git-setup", short_help="Make git merge the database with summits merge.")
@click.pass_obj
def git_setup(db: Path) -> None:
    """Make git merge the database with 'summits merge', record by record.

    In the git repository holding the database (--db), adds the line
    '<db path> merge=summits' to .gitattributes and sets merge.summits.driver
    to 'summits merge %O %A %B' in the repository's config. Running it again
    changes nothing. git runs the driver as 'summits', so summits must be on
    the PATH of whoever merges.

    \b
    Example:
      summits git-setup && git add .gitattributes && git commit -m "merge with summits"
    """
    for line in gitsetup.setup(db):
        click.echo(line)
