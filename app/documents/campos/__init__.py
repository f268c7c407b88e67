"""The fields of the document templates: plain data in, the fields of one template out.

Every document of an expediente shares the same pieces (domain.md §2-4), built once by
:func:`app.documents.campos.comunes.comun`; one builder per :class:`~app.domain.tipos.TipoDocumento` adds the
fields of its document, grouped by family as the template generators group the templates:
:mod:`.providencias` (providencias, razones, autos), :mod:`.oficios`, :mod:`.actas` (goods and the remate),
:mod:`.valores` (the liquidación), :mod:`.expediente` (carátula, índice, acta de sorteo), :mod:`.bienes`
(posesión, perito, calificación), :mod:`.honorarios` and :mod:`.legales` (título de crédito, auto de archivo).

No database here: the services read the rows and pass the dataclasses of :mod:`.modelo` (``Juicio``,
``Notificacion``, ``Oficio``, …); the ``datos`` a caller types are parsed in
:mod:`app.services.documentos_entrada`. :func:`.muestras.muestra` fills every template with realistic sample
data (template preview, tests). The keys a builder returns are exactly the fields documented for its template
in the catalogue of template fields (a test checks it), so an office editing a template may use any of them
and nothing else.
"""
