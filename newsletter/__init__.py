"""Lettre des bonnes pratiques / 우수사례 뉴스레터: a bilingual newsletter built as a static site.

The pipeline, one module per stage:

    reading      files -> Documents (front matter with lines, body), normalised
    schema       the shape of each front matter (pydantic) -> Problems
    validation   rules across files, bodies (raw HTML, images) -> Problems
    loading      the content tree -> Content (model) + every Problem
    editions     what is public today; groupings by edition, theme, size -> Site
    pages        Site -> Pages (Markdown for mkdocs) through templates/
    mkdocs_site  Pages -> HTML with Material for MkDocs, one process per language
    sitemap, output, build   the root outputs, the atomic swap, the whole build
"""
