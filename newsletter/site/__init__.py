"""The website: a Site (content.editions) -> pages through templates/ -> HTML with Material
for MkDocs, one process per language; the search index, the map, the statistics, the
sitemap. Only `mkdocs_site` and `mkdocs_hooks` know mkdocs. Never imports the letters."""
