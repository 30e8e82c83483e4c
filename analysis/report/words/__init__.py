"""The words of the report's pages for a run other than the committed default, written from its data.

One module per page, each a set of plain functions over one
:class:`~analysis.report.words.facts.Facts` (the run's data and the facts
computed once from it):

- :mod:`~analysis.report.words.timeline`: notebook 01, the timeline and escalation;
- :mod:`~analysis.report.words.attacks`: notebook 02, how often, where, and the killed;
- :mod:`~analysis.report.words.posture`: notebook 03, the bases or the forces, and the troops;
- :mod:`~analysis.report.words.sources`: notebook 04, who reported the events;
- :mod:`~analysis.report.words.common`: what several pages say (periods, "nothing in this window", the
  limits of the data) and a page's :class:`~analysis.report.words.common.Heading`;
- :mod:`~analysis.report.words.events`: single events in words (each side with its associated actors, the
  deadliest named, what happened, the notes that say more than a table);
- :mod:`~analysis.report.words.facts`: the facts, computed once; no sentence.

A page's heading is data (:class:`~analysis.report.words.common.Heading`):
its Markdown for the page and its title and first sentence for the index
card. Every value from the data or the options that enters Markdown is
escaped by :func:`analysis.text.markdown_text`.
"""
