"""A working group's minutes kept as Markdown files, in the shape such groups give them: a rule
("----------") between sections, "## Review actions from previous meetings" over numbered,
bold restatements of last meeting's actions each closed by its state ("_Done. Closed_",
"_Ongoing_"), or "## Actions from last meeting:" over a check list ("- [x] (AB) …"), then the
meeting's own new actions. A restated action is a follow-up of the earlier one, not a new
task; a new action written under such a heading without any state stays a task. Every name
here is invented."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import extract_file

MINUTES = """# Estuary model working group meeting minutes

*Thursday 18th September 2025*

*Participants:* Ines Varga (IV - chair), Tomas Reyes (TR), Olu Hart (OH)

----------

## Review actions from previous meetings

1. **Action 2.1: IV to pass the tide gauge contact to Marta.** _Done. Closed_
2. **Action 2.2: TR to check the river inflow data for the spring runs.** _Ongoing._ Some files are still missing.

## Actions from last meeting:

- [x] (OH) Liaise with the data team to run the salinity checks.
- [ ] (All) Be proactive about moving workflows to the new cluster.

## Matters arising

ACTION: OH to ask the data team for the missing inflow files.

----------

## Sediment transport results (OH)

<br>

OH showed the new sediment runs. The bias near the weir is smaller.

## Actions

**Action 3.1: TR to rerun the spring case with the corrected inflows.**
**Action 3.2: IV to circulate the draft paper before the next meeting.**
"""


def _minutes(tmp_path: Path):
    path = tmp_path / "estuary-minutes.md"
    path.write_text(MINUTES, encoding="utf-8")
    result = extract_file(str(path))
    assert result.error is None and len(result.documents) == 1
    return result.documents[0]


def test_a_markdown_heading_is_a_heading_however_it_is_cased_and_a_rule_is_none(tmp_path: Path) -> None:
    doc = _minutes(tmp_path)
    def context(words: str) -> str | None:
        return next(p.context for p in doc.passages if words in p.text)

    assert doc.doc_type == "minutes"  # "# … meeting minutes", in lower case
    assert context("(OH) Liaise with the data team") == "## Actions from last meeting:"
    assert context("OH showed the new sediment") == "## Sediment transport results (OH)"  # not the rule, not "<br>"


def test_restated_actions_with_their_state_are_no_new_tasks(tmp_path: Path) -> None:
    doc = _minutes(tmp_path)
    tasks = sorted(a.text.strip("* ") for a in doc.actions)
    assert not any("tide gauge" in t or "river inflow data" in t or "salinity checks" in t or "proactive" in t
                   for t in tasks), tasks
    assert any("rerun the spring case" in t for t in tasks), tasks
    assert any("circulate the draft paper" in t for t in tasks), tasks
    # a new task under "Matters arising", with no state, is the meeting's own
    assert any("missing inflow files" in t for t in tasks), tasks


LOG = """# Estuary model working group meeting minutes

*Thursday 15th May 2025*

## Sediment transport results (OH)

OH showed the new sediment runs.

## Actions:

   * 3.1 TR to rerun the spring case with the corrected inflows.
   * 3.2 IV/OH to circulate the draft estuary paper.

 •\t**(OH)** Ask the data team for the missing salinity files.

  * (All Met Office) Meet to discuss the new timestep.
"""


def test_a_log_s_own_numbers_and_owners_in_brackets_are_no_words_of_the_task(tmp_path: Path) -> None:
    path = tmp_path / "estuary-log.md"
    path.write_text(LOG, encoding="utf-8")
    doc = extract_file(str(path)).documents[0]
    tasks = {a.text.rstrip("."): a.owners for a in doc.actions}
    assert tasks["TR to rerun the spring case with the corrected inflows"] == ["TR"]
    assert tasks["IV/OH to circulate the draft estuary paper"] == ["IV", "OH"]
    assert tasks["Ask the data team for the missing salinity files"] == ["OH"]
    assert tasks["Meet to discuss the new timestep"] == ["All Met Office"]
