"""The partnership map: outline data, and the inline SVG of newsletter.site.mapping."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from lxml import etree

from newsletter.site import map_labels, projection
from newsletter.site.mapping import MapLink, MapPoint, render_map

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
NS = {"s": "http://www.w3.org/2000/svg"}
TITLES = {"FR": "France", "KR": "Corée"}

CITIES = [
    # key, label, lat, lon, country
    ("paris", "Paris", 48.8566, 2.3522, "FR"),
    ("tours", "Tours", 47.3941, 0.6848, "FR"),
    ("montpellier", "Montpellier", 43.6108, 3.8767, "FR"),
    ("issy", "Issy-les-Moulineaux", 48.8245, 2.2700, "FR"),
    ("nantes", "Nantes", 47.2184, -1.5536, "FR"),
    ("strasbourg", "Strasbourg", 48.5734, 7.7521, "FR"),
    ("lyon", "Lyon", 45.7640, 4.8357, "FR"),
    ("ajaccio", "Ajaccio", 41.9192, 8.7386, "FR"),
    ("seoul", "서울", 37.5665, 126.9780, "KR"),
    ("suwon", "수원", 37.2636, 127.0286, "KR"),
    ("changwon", "창원", 35.2280, 128.6811, "KR"),
    ("gumi", "구미", 36.1195, 128.3446, "KR"),
    ("busan", "부산", 35.1796, 129.0756, "KR"),
    ("jeju", "제주", 33.4996, 126.5312, "KR"),
]


def point(key: str, label: str, lat: float, lon: float, country: str, **kw) -> MapPoint:
    return MapPoint(key, label, lat, lon, country, kw.pop("href", f"../collectivites/{key}/"), **kw)


POINTS = [point(*city) for city in CITIES]
LINKS = [MapLink("tours", "suwon", "Tours — Suwon (2008)"),
         MapLink("montpellier", "changwon", "Montpellier — Changwon"),
         MapLink("seoul", "busan", "서울 — 부산")]


def render(points=POINTS, links=LINKS, **kw) -> str:
    kw.setdefault("inset_titles", TITLES)
    return render_map(points, links, "Carte des partenariats", "Collectivités partenaires", "fr", **kw)


def parse(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode("utf-8"))


def frame_of(root: etree._Element, country: str) -> tuple[float, float, float, float]:
    (rect,) = root.xpath(f"//s:g[contains(@class, 'nl-map__inset--{country.lower()}')]"
                         "/s:rect[@class='nl-map__frame']", namespaces=NS)
    x, y = float(rect.get("x")), float(rect.get("y"))
    return x, y, x + float(rect.get("width")), y + float(rect.get("height"))


def circle_of(root: etree._Element, href: str) -> tuple[float, float]:
    (circle,) = root.xpath("//s:a[@href=$href]/s:circle", namespaces=NS, href=href)
    return float(circle.get("cx")), float(circle.get("cy"))


def inside(xy: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] < xy[0] < box[2] and box[1] < xy[1] < box[3]


# -- outline data --------------------------------------------------------------------------

def test_outlines_file_has_three_regions_of_closed_rings():
    path = ROOT / "newsletter" / "data" / "outlines.json"
    assert path.stat().st_size < 60_000
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "Natural Earth" in data["source"] and "public domain" in data["licence"]
    assert set(data["regions"]) == {"FR", "KR", "KP"}
    for code, rings in data["regions"].items():
        assert rings, code
        for ring in rings:
            assert len(ring) >= 4 and ring[0] == ring[-1], code
            assert all(len(p) == 2 and all(round(v, 3) == v for v in p) for p in ring)
    assert projection.load_outlines() == data


def test_outlines_are_metropolitan_france_and_the_korean_peninsula():
    regions = projection.load_outlines()["regions"]

    def bbox(code):
        positions = [p for ring in regions[code] for p in ring]
        return (min(p[0] for p in positions), min(p[1] for p in positions),
                max(p[0] for p in positions), max(p[1] for p in positions))

    lon0, lat0, lon1, lat1 = bbox("FR")     # no overseas territory
    assert -5.5 < lon0 < -4 and 9 < lon1 < 10 and 41 < lat0 < 42 and 51 < lat1 < 51.5
    assert any(8.5 < min(p[0] for p in ring) and max(p[1] for p in ring) < 43.1
               for ring in regions["FR"]), "Corsica"
    lon0, lat0, lon1, lat1 = bbox("KR")
    assert 124 < lon0 and lon1 < 131.5 and 33 < lat0 and lat1 < 38.7
    lon0, lat0, lon1, lat1 = bbox("KP")
    assert 37.5 < lat0 and 42.5 < lat1 < 43.1
    # The border is simplified once: KR and KP share positions along the DMZ.
    kr = {tuple(p) for p in regions["KR"][0]}
    kp = {tuple(p) for p in regions["KP"][0]}
    assert len(kr & kp) >= 5


def _load_script():
    spec = importlib.util.spec_from_file_location("make_outlines", ROOT / "bench" / "make_outlines.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_topojson_decoder_on_a_tiny_topology():
    script = _load_script()
    topology = {"transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
                "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]]}
    arcs = script.decode_arcs(topology)
    assert arcs[0] == [(10.0, 20.0), (11.0, 20.0), (11.0, 21.0)]
    assert arcs[1] == [(11.0, 21.0), (10.0, 21.0), (10.0, 20.0)]
    assert script.ring_of([0, 1], arcs) == [(10.0, 20.0), (11.0, 20.0), (11.0, 21.0),
                                           (10.0, 21.0), (10.0, 20.0)]
    assert script.ring_of([~1], arcs)[0] == (10.0, 20.0)    # ~1: arc 1 reversed
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 5.0)]
    assert script.rdp(line, 0.01, 1.0) == [(0.0, 0.0), (2.0, 0.0), (3.0, 5.0)]


# -- the SVG -------------------------------------------------------------------------------

def test_root_is_a_labelled_group_with_nothing_external():
    root = parse(render())
    assert root.tag == SVG + "svg"
    assert root.get("viewBox") and root.get("role") == "group" and root.get("lang") == "fr"
    (title,) = root.findall(SVG + "title")
    (desc,) = root.findall(SVG + "desc")
    assert root.get("aria-labelledby") == title.get("id") == "nl-map-title"
    assert root.get("aria-describedby") == desc.get("id") == "nl-map-desc"
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(i.startswith("nl-map-") for i in ids)
    assert not root.xpath("//s:style | //s:script | //s:image | //s:use | //s:foreignObject",
                          namespaces=NS)
    for element in root.iter():
        for name, value in element.attrib.items():
            assert "http" not in value and "url(" not in value, (name, value)
    captions = [t.text for t in root.iter(SVG + "text") if t.get("class") == "nl-map__caption"]
    assert captions == ["France", "Corée"]
    lands = [p.get("class") for p in root.iter(SVG + "path") if "nl-map__land" in p.get("class")]
    assert lands == ["nl-map__land nl-map__land--fr", "nl-map__land nl-map__land--kp",
                     "nl-map__land nl-map__land--kr"]


def test_paris_and_seoul_land_in_their_insets():
    root = parse(render())
    france, korea = frame_of(root, "FR"), frame_of(root, "KR")
    assert france[2] <= korea[0]            # side by side
    for key, box, other in [("paris", france, korea), ("ajaccio", france, korea),
                            ("seoul", korea, france), ("jeju", korea, france)]:
        xy = circle_of(root, f"../collectivites/{key}/")
        assert inside(xy, box) and not inside(xy, other), key
    paris, tours = circle_of(root, "../collectivites/paris/"), circle_of(root, "../collectivites/tours/")
    seoul, busan = circle_of(root, "../collectivites/seoul/"), circle_of(root, "../collectivites/busan/")
    assert tours[0] < paris[0] and tours[1] > paris[1]      # south-west of Paris
    assert busan[0] > seoul[0] and busan[1] > seoul[1]      # south-east of Seoul


def test_every_point_is_one_named_link():
    root = parse(render())
    anchors = root.xpath("//s:a", namespaces=NS)
    assert [a.get("href") for a in anchors] == [p.href for p in POINTS]   # keyboard order
    for a, p in zip(anchors, POINTS):
        assert a.get("aria-label") == p.label
        assert a.find(SVG + "title").text == p.label
        (circle,) = a.findall(SVG + "circle")
        assert f"nl-map__point--{p.country.lower()}" in circle.get("class")
    labels = root.xpath("//s:text[@class='nl-map__label']", namespaces=NS)
    assert len(labels) >= len(POINTS) // 2
    assert all(t.getparent().tag == SVG + "a" for t in labels)


def test_points_without_practices_are_marked():
    points = [point("tours", "Tours", 47.39, 0.68, "FR", has_practices=False), POINTS[0]]
    root = parse(render(points, []))
    classes = [c.get("class") for c in root.iter(SVG + "circle")]
    assert classes == ["nl-map__point nl-map__point--fr nl-map__point--empty",
                       "nl-map__point nl-map__point--fr"]


def test_text_and_attributes_are_escaped():
    nasty = 'Tours <script>alert(1)</script>"&\' onmouseover="x'
    points = [point("tours", nasty, 47.39, 0.68, "FR", href='a"b&c<d>/'), POINTS[8]]
    links = [MapLink("tours", "seoul", nasty)]
    svg = render_map(points, links, nasty, nasty, 'fr" onload="x',
                     inset_titles={"FR": nasty, "KR": "<b>"})
    assert "<script" not in svg and "<b>" not in svg
    root = parse(svg)
    assert not root.xpath("//*[local-name()='script']")
    for element in root.iter():
        assert not [n for n in element.attrib if n.lower().startswith("on")], element.tag
    (a, _) = root.xpath("//s:a", namespaces=NS)
    assert a.get("href") == 'a"b&c<d>/' and a.get("aria-label") == nasty
    assert root.find(SVG + "title").text == nasty
    assert root.xpath("//s:path[@class='nl-map__link']/s:title", namespaces=NS)[0].text == nasty


@pytest.mark.parametrize("href", ["javascript:alert(1)", " javascript:x", "java\tscript:x",
                                  "//evil.example/", "https://evil.example/", "/\\evil.example",
                                  "data:text/html,x", ""])
def test_only_relative_hrefs(href):
    with pytest.raises(ValueError, match="relative"):
        render([point("tours", "Tours", 47.39, 0.68, "FR", href=href)], [])


def test_a_partnership_is_a_curve_between_the_two_points():
    root = parse(render())
    paths = root.xpath("//s:path[@class='nl-map__link']", namespaces=NS)
    assert len(paths) == len(LINKS)
    tours_suwon = paths[0]
    assert tours_suwon.find(SVG + "title").text == "Tours — Suwon (2008)"
    d = tours_suwon.get("d")
    assert d.startswith("M") and "Q" in d
    numbers = [float(n) for n in d[1:].replace("Q", " ").split()]
    assert tuple(numbers[:2]) == circle_of(root, "../collectivites/tours/")
    assert tuple(numbers[-2:]) == circle_of(root, "../collectivites/suwon/")
    # It goes from the France inset to the Korea inset, bowing upwards.
    assert inside(tuple(numbers[:2]), frame_of(root, "FR"))
    assert inside(tuple(numbers[-2:]), frame_of(root, "KR"))
    assert numbers[3] < min(numbers[1], numbers[5])


def test_output_is_deterministic_and_small():
    first, second = render(), render()
    assert first == second
    assert first.encode() == render(list(POINTS), list(LINKS), inset_titles=dict(TITLES)).encode()
    many = [point(f"p{i}", f"Ville {i}", 43 + i * 0.25, -1 + i * 0.3, "FR") for i in range(30)]
    assert len(render(many, [MapLink("p0", "p29", "x")]).encode()) < 60_000


@pytest.mark.parametrize("country", ["FR", "KR"])
def test_a_point_outside_the_insets_is_refused(country):
    with pytest.raises(ValueError, match="outside the .* inset"):
        render([point("nowhere", "Nowhere", 0.0, 0.0, country)], [])


def test_swapped_coordinates_and_bad_input_are_refused():
    with pytest.raises(ValueError, match="outside"):
        render([point("paris", "Paris", 2.35, 48.85, "FR")], [])
    with pytest.raises(ValueError, match="outside"):        # Seoul given as French
        render([point("seoul", "Seoul", 37.57, 126.98, "FR")], [])
    with pytest.raises(ValueError, match="outside"):
        render([point("nan", "NaN", float("nan"), 2.0, "FR")], [])
    with pytest.raises(ValueError, match="country"):
        render([point("tokyo", "Tokyo", 35.7, 139.7, "JP")], [])
    with pytest.raises(ValueError, match="key"):
        render([POINTS[0], POINTS[0]], [])
    with pytest.raises(ValueError, match="no map point"):
        render(POINTS, [MapLink("tours", "atlantis", "x")])
    with pytest.raises(ValueError, match="caption"):
        render(inset_titles={"FR": "France"})
    with pytest.raises(ValueError, match="id_prefix"):
        render(id_prefix='x" onload="y')


def test_id_prefix_for_a_second_map():
    root = parse(render(id_prefix="nl-map-2"))
    assert root.get("aria-labelledby") == "nl-map-2-title"
    assert root.find(SVG + "title").get("id") == "nl-map-2-title"


def test_labels_do_not_overlap():
    root = parse(render())
    boxes = []
    for text in root.xpath("//s:text[@class='nl-map__label']", namespaces=NS):
        x, y = float(text.get("x")), float(text.get("y"))
        width = map_labels.text_width(text.text)
        x0 = {"start": x, "end": x - width, "middle": x - width / 2}[text.get("text-anchor")]
        boxes.append((x0, y - 0.78 * map_labels.FONT_SIZE, x0 + width, y + 0.24 * map_labels.FONT_SIZE))
    for i, one in enumerate(boxes):
        for other in boxes[i + 1:]:
            assert not map_labels.overlaps(one, other), (one, other)


def _label_boxes(root: etree._Element) -> dict[str, tuple[float, float, float, float]]:
    boxes = {}
    for place in root.xpath("//s:a[@class]", namespaces=NS):
        text = place.find(SVG + "text")
        if text is None:
            continue
        x, y = float(text.get("x")), float(text.get("y"))
        width = map_labels.text_width(text.text)
        x0 = {"start": x, "end": x - width, "middle": x - width / 2}[text.get("text-anchor")]
        boxes[text.text] = (x0, y - 0.78 * map_labels.FONT_SIZE, x0 + width,
                            y + 0.24 * map_labels.FONT_SIZE)
    return boxes


def test_a_crowd_keeps_every_label_of_a_collectivity_with_practices_and_every_point_visible():
    """Seoul's districts and a town 3 units from Tours (issue 19): each collectivity with
    practices keeps a readable label, away on a leader line when its neighbours fill the
    room beside it; no two circles overlap."""
    seoul = [point(f"gu-{n}", name, 37.50 + 0.012 * (n % 4), 126.95 + 0.015 * (n // 4), "KR")
             for n, name in enumerate(["서초구", "강남구", "양천구", "구로구", "마포구", "종로구",
                                       "성동구", "노원구", "관악구", "송파구"])]
    near_tours = point("saint-avertin", "Saint-Avertin", 47.3941, 0.7, "FR")
    points = POINTS + seoul + [near_tours]
    root = parse(render(points=points, links=[]))
    boxes = _label_boxes(root)
    for p in points:
        if p.has_practices:
            assert p.label in boxes, p.label
    values = list(boxes.values())
    for i, one in enumerate(values):
        for other in values[i + 1:]:
            assert not map_labels.overlaps(one, other), (one, other)
    circles = [(float(c.get("cx")), float(c.get("cy")))
               for c in root.xpath("//s:circle", namespaces=NS)]
    for i, (x1, y1) in enumerate(circles):
        for x2, y2 in circles[i + 1:]:
            assert ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 >= 2 * map_labels.POINT_RADIUS, (x1, y1)
    assert root.xpath("//s:line[@class='nl-map__leader']", namespaces=NS)  # the crowd's labels


def test_spreading_moves_points_only_as_much_as_needed():
    apart = {"a": (10.0, 10.0), "b": (40.0, 10.0)}
    assert map_labels.spread(apart) == apart
    moved = map_labels.spread({"a": (10.0, 10.0), "b": (10.0, 10.0), "c": (11.0, 10.0)})
    assert all(abs(x - 10) < 15 and abs(y - 10) < 15 for x, y in moved.values())
