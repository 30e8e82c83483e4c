"""Draw: every helper takes its data first, draws on ``ax`` and returns it; none shows or saves.

- :mod:`~analysis.viz.style`: colours and the house style;
- :mod:`~analysis.viz.literal`: text from the data, drawn exactly as written;
- :mod:`~analysis.viz.placement`: where marks and texts go so that none covers another (rows, sides, map labels);
- :mod:`~analysis.viz.timeline_layout`: the timeline's layout (lanes, rows, marker sizes, texts);
- :mod:`~analysis.viz.timeline_labels`: the labels of the events worth naming on it;
- :mod:`~analysis.viz.timeline`: the timeline drawn, and its legend;
- :mod:`~analysis.viz.counts`: counts and escalation per period;
- :mod:`~analysis.viz.ranges`: low-high ranges, casualties, troop levels;
- :mod:`~analysis.viz.map_layout`: a map's extent, and where a country's name goes;
- :mod:`~analysis.viz.maps`: boundaries, the posture of the bases, events on a country's map;
- :mod:`~analysis.viz.documents`: a source document with its cited passages highlighted.

Everything that knows about the page (sizes, positions, colours, label
rows) is here, beside the code that draws it; the numbers come from
:mod:`analysis.stats`. matplotlib is imported only inside the functions.
"""
