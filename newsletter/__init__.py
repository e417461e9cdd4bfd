"""Lettre des bonnes pratiques / 우수사례 뉴스레터: a bilingual newsletter built as a static site.

The pipeline, one module per stage (README, "How it works", has the whole map):

    reading      files -> Documents (front matter with lines, body), normalised
    markup       Markdown -> HTML through the allowlist sanitiser (nh3)
    schema       the shape of each front matter (pydantic) -> Problems
    validation   rules across files, bodies (what the sanitiser removes), images -> Problems
    loading      the content tree -> Content (model) + every Problem
    editions     what is public today; groupings by edition, theme, size -> Site
    matching     practices suggested to a collectivity
    pages        Site -> Pages through templates/ (directory: the directory and the map)
    mkdocs_site  Pages -> HTML with Material for MkDocs, one process per language
    feeds, opendata, email, pdf   the other outputs (artifacts: their cache and workers)
    sitemap, output, build   the root outputs, the atomic swap, the whole build
"""
