"""Content: the editors' files read into typed model objects, validated once, grouped.

    reading      files -> Documents: BOM, CRLF, NFC; front matter with the line of every field
    schema       the shape of each front matter (pydantic) -> Problems that say what is right
    markup       Markdown -> HTML through the allowlist sanitiser (nh3); what it would remove
    structure    how deeply a body nests, how its tables lay out: what every output can do
    bodies       the checks of a Markdown body, at their lines
    validation   rules across files (taxonomy, editions, translations, images)
    collectivities   the directory of collectivities: its files, their checks, its model
    photos       images -> their published copies, without metadata
    loading      the content tree -> Content + every Problem
    editions     what is public on a date; groupings by edition, theme, size -> Site
    translations, history, matching: translation states, git dates, suggestions

Nothing here renders a page or imports the site or the letters.
"""
