"""The central database's server-only parts (design.md §3), as idempotent SQL derived from the metadata.

Applied by ``python -m app central init`` after the Alembic upgrade, in one transaction, and again after every
upgrade (a new synced table gets its triggers and policies without code here):

- ``foja_cambio``: the change log written by AFTER statement triggers (transition tables) on every synced
  table; the pull reads it with a
  commit-safe cursor ``(xid, seq)`` below ``pg_snapshot_xmin(pg_current_snapshot())``.
- ``foja_auditoria_servidor``: append-only, one row per write with the PostgreSQL role that made it
  (``session_user``), kept when the change log is pruned.
- ``foja_mutacion``: every applied client transaction by mutation id, so a retried push changes nothing.
- ``foja_conflicto``: changes the server refused, for ``central status`` and the office's review.
- ``foja_blob_info`` / ``foja_blob``: files by SHA-256 in 1 MiB ``bytea`` chunks (see :mod:`app.sync.archivos`).
- ``foja_usuario_rol``: which PostgreSQL login role is which Foja user of which office.
- Numbering: a BEFORE INSERT trigger on ``expediente`` gives a provisional juicio number its final one from the
  gap-free ``contador`` row (a rolled-back push returns it); one on ``folio`` gives a provisional folio range
  its final place at the end of the server's chain, recomputing its hash exactly as
  :func:`app.domain.foliacion.hash_entrada` does. Both are ``SECURITY DEFINER``: no login role may write
  ``contador``, and no client picks a number.
- Guards: append-only tables refuse UPDATE and DELETE; a juicio number never changes; row-level security
  (``FORCE``) limits every synced table to the user's office; group roles carry the grants, with column grants
  on ``usuario``.

Foreign keys are made ``DEFERRABLE`` so that a client transaction is applied in the order it was written.
"""

from __future__ import annotations

from app.domain.permisos import Rol
from app.sync.filas import TablaSync, tablas

GRUPO = "foja_usuario"


def rol_pg(rol: Rol) -> str:
    """The PostgreSQL group role of a Foja role, e.g. ``foja_secretario_abogado``."""
    return "foja_" + rol.value.lower()


_TABLAS_SERVIDOR = """
CREATE TABLE IF NOT EXISTS foja_cambio (
    seq bigserial PRIMARY KEY,
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    office_id uuid,
    tabla text NOT NULL,
    fila_id uuid NOT NULL,
    operacion text NOT NULL,
    row_version integer,
    datos jsonb,
    rol text NOT NULL DEFAULT session_user,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS foja_cambio_cursor ON foja_cambio (xid, seq);
CREATE INDEX IF NOT EXISTS foja_cambio_fila ON foja_cambio (fila_id, row_version);
CREATE TABLE IF NOT EXISTS foja_auditoria_servidor (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    rol text NOT NULL DEFAULT session_user,
    office_id uuid,
    tabla text NOT NULL,
    fila_id uuid NOT NULL,
    operacion text NOT NULL,
    row_version integer
);
CREATE TABLE IF NOT EXISTS foja_mutacion (
    mutation_id uuid PRIMARY KEY,
    office_id uuid NOT NULL,
    cliente_id uuid,
    rol text NOT NULL DEFAULT session_user,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS foja_conflicto (
    id uuid PRIMARY KEY,
    office_id uuid NOT NULL,
    tabla text NOT NULL,
    fila_id uuid NOT NULL,
    mutation_id uuid NOT NULL,
    base_version integer,
    version_servidor integer,
    campos jsonb,
    rol text NOT NULL DEFAULT session_user,
    at timestamptz NOT NULL DEFAULT now(),
    resuelto_at timestamptz
);
CREATE TABLE IF NOT EXISTS foja_blob_info (
    sha256 text PRIMARY KEY,
    office_id uuid NOT NULL,
    tamano bigint NOT NULL,
    partes integer NOT NULL,
    completo boolean NOT NULL DEFAULT false,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS foja_blob (
    sha256 text NOT NULL REFERENCES foja_blob_info(sha256),
    parte integer NOT NULL,
    office_id uuid NOT NULL,
    datos bytea NOT NULL,
    PRIMARY KEY (sha256, parte)
);
CREATE TABLE IF NOT EXISTS foja_usuario_rol (
    rol_pg name PRIMARY KEY,
    office_id uuid NOT NULL,
    rol text NOT NULL,
    debe_cambiar_clave boolean NOT NULL DEFAULT true
);
CREATE TABLE IF NOT EXISTS foja_poda (
    id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    hasta_xid xid8 NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
"""

_FUNCIONES = r"""
-- A user row that ``central usuario`` wrote (login and role only) and nobody has touched since is a
-- placeholder: the office's desktop that joins with a user of the same login fills in who he is (the login
-- roles may not update those columns of ``usuario``; column grants, below). Only such rows, only of the
-- caller's offices. Returns whether it did.
CREATE OR REPLACE FUNCTION foja_completar_usuario(p_id uuid, p_nombres text, p_cedula text, p_email text,
                                                  p_genero text, p_secretario uuid)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE usuario SET nombres = p_nombres, cedula = p_cedula, email = p_email, genero = p_genero,
           secretario_id = p_secretario, row_version = row_version + 1, updated_at = now(),
           updated_by = session_user
     WHERE id = p_id AND created_by = 'central' AND row_version = 1 AND cedula = '' AND secretario_id IS NULL
       AND office_id = ANY (foja_mis_oficinas());
    RETURN FOUND;
END $$;

CREATE OR REPLACE FUNCTION foja_es_propietario() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER')
$$;

CREATE OR REPLACE FUNCTION foja_mis_oficinas() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(office_id), '{}') FROM foja_usuario_rol WHERE rol_pg = session_user
$$;

CREATE OR REPLACE FUNCTION foja_asignar(p_office uuid, p_clave text, p_n integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE v integer;
BEGIN
    -- Gap-free: the row is updated inside the pushing transaction; a rollback returns the numbers.
    INSERT INTO contador (office_id, clave, valor) VALUES (p_office, p_clave, p_n)
    ON CONFLICT (office_id, clave) DO UPDATE SET valor = contador.valor + p_n
    RETURNING valor INTO v;
    RETURN v - p_n + 1;
END $$;

CREATE OR REPLACE FUNCTION foja_formatear(p_patron text, p_office text, p_anio integer, p_seq integer)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    r text := replace(replace(p_patron, '{office}', p_office), '{year}', p_anio::text);
    m text[] := regexp_match(r, '\{seq(?::0?(\d+)d)?\}');
    ancho integer := coalesce(m[1]::integer, 0);
    s text := p_seq::text;
BEGIN
    IF length(s) < ancho THEN s := lpad(s, ancho, '0'); END IF;
    RETURN regexp_replace(r, '\{seq(:0?\d+d)?\}', s);
END $$;

CREATE OR REPLACE FUNCTION foja_numerar_expediente() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE cod text; patron text; v_clave text;
BEGIN
    SELECT codigo, patron_numero INTO cod, patron FROM oficina WHERE id = NEW.office_id;
    IF cod IS NULL THEN
        RAISE EXCEPTION 'foja: la oficina % del expediente no existe en el servidor', NEW.office_id;
    END IF;
    v_clave := 'juicio:' || cod || ':' || NEW.anio;
    IF NEW.numero_provisional THEN
        NEW.secuencia := foja_asignar(NEW.office_id, v_clave, 1);
        NEW.numero := foja_formatear(patron, cod, NEW.anio, NEW.secuencia);
        NEW.numero_provisional := false;
    ELSE
        -- A number given by a standalone office before it joined: kept; the counter continues after it.
        -- Only the jefe or the administrador uploads such an office.
        IF NOT (foja_es_propietario() OR pg_has_role(session_user, 'foja_jefe_unidad', 'MEMBER')
                OR pg_has_role(session_user, 'foja_administrador', 'MEMBER')) THEN
            RAISE EXCEPTION 'foja: solo el servidor asigna números de juicio (número % no provisional)', NEW.numero;
        END IF;
        INSERT INTO contador (office_id, clave, valor) VALUES (NEW.office_id, v_clave, NEW.secuencia)
        ON CONFLICT (office_id, clave) DO UPDATE SET valor = greatest(contador.valor, EXCLUDED.valor);
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION foja_numero_fijo() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.numero IS DISTINCT FROM OLD.numero OR NEW.secuencia IS DISTINCT FROM OLD.secuencia
       OR (NEW.numero_provisional AND NOT OLD.numero_provisional) THEN
        RAISE EXCEPTION 'foja: el número de juicio % no se cambia', OLD.numero;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION foja_foliar() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
    ult_pos integer; ult_hasta integer; ult_hash text; hojas integer; por_cuerpo integer; esperado text;
    provisional_antes boolean := NEW.provisional;
BEGIN
    -- One pusher at a time per expediente: the chain is extended in commit order.
    PERFORM 1 FROM expediente WHERE id = NEW.expediente_id FOR UPDATE;
    SELECT posicion, hasta, hash INTO ult_pos, ult_hasta, ult_hash
      FROM folio WHERE expediente_id = NEW.expediente_id ORDER BY posicion DESC LIMIT 1;
    ult_pos := coalesce(ult_pos, 0); ult_hasta := coalesce(ult_hasta, 0);
    ult_hash := coalesce(ult_hash, repeat('0', 64));
    IF NEW.provisional THEN
        hojas := NEW.hasta - NEW.desde + 1;
        SELECT folios_por_cuerpo INTO por_cuerpo FROM oficina WHERE id = NEW.office_id;
        por_cuerpo := coalesce(nullif(por_cuerpo, 0), 200);
        NEW.posicion := ult_pos + 1;
        NEW.desde := ult_hasta + 1;
        NEW.hasta := NEW.desde + hojas - 1;
        NEW.cuerpo_desde := (NEW.desde - 1) / por_cuerpo + 1;
        NEW.cuerpo_hasta := (NEW.hasta - 1) / por_cuerpo + 1;
        NEW.hash_anterior := ult_hash;
        NEW.provisional := false;
    ELSIF NEW.posicion <> ult_pos + 1 OR NEW.desde <> ult_hasta + 1 OR NEW.hash_anterior <> ult_hash THEN
        RAISE EXCEPTION 'foja: el folio % no continúa la cadena del expediente en el servidor', NEW.desde;
    END IF;
    esperado := encode(sha256(convert_to(concat_ws('|', NEW.hash_anterior, NEW.expediente_id::text,
                NEW.documento_id::text, NEW.desde::text, NEW.hasta::text, NEW.documento_sha256), 'UTF8')), 'hex');
    IF NEW.hash IS DISTINCT FROM esperado THEN
        IF provisional_antes THEN
            NEW.hash := esperado;
        ELSE
            RAISE EXCEPTION 'foja: el hash del folio % no corresponde a su contenido', NEW.desde;
        END IF;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION foja_solo_agregar() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'foja: los registros de % no se modifican ni se eliminan', TG_TABLE_NAME;
END $$;

CREATE OR REPLACE FUNCTION foja_registrar() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
    -- Statement-level, over the transition table: a bulk upload logs its rows in two set-based inserts.
    IF TG_OP = 'DELETE' THEN
        INSERT INTO foja_cambio (office_id, tabla, fila_id, operacion, row_version, datos)
        SELECT v.office_id, TG_TABLE_NAME, v.id, TG_OP, v.row_version, NULL FROM viejas v;
        INSERT INTO foja_auditoria_servidor (office_id, tabla, fila_id, operacion, row_version)
        SELECT v.office_id, TG_TABLE_NAME, v.id, TG_OP, v.row_version FROM viejas v;
    ELSE
        INSERT INTO foja_cambio (office_id, tabla, fila_id, operacion, row_version, datos)
        SELECT n.office_id, TG_TABLE_NAME, n.id, TG_OP, n.row_version, to_jsonb(n) FROM nuevas n;
        INSERT INTO foja_auditoria_servidor (office_id, tabla, fila_id, operacion, row_version)
        SELECT n.office_id, TG_TABLE_NAME, n.id, TG_OP, n.row_version FROM nuevas n;
    END IF;
    RETURN NULL;
END $$;
"""

_GUARDAS_SERVIDOR = """
DROP TRIGGER IF EXISTS foja_solo_agregar ON foja_auditoria_servidor;
CREATE TRIGGER foja_solo_agregar BEFORE UPDATE OR DELETE ON foja_auditoria_servidor
    FOR EACH ROW EXECUTE FUNCTION foja_solo_agregar();
DROP TRIGGER IF EXISTS foja_numerar ON expediente;
CREATE TRIGGER foja_numerar BEFORE INSERT ON expediente FOR EACH ROW EXECUTE FUNCTION foja_numerar_expediente();
DROP TRIGGER IF EXISTS foja_numero_fijo ON expediente;
CREATE TRIGGER foja_numero_fijo BEFORE UPDATE ON expediente FOR EACH ROW EXECUTE FUNCTION foja_numero_fijo();
DROP TRIGGER IF EXISTS foja_foliar ON folio;
CREATE TRIGGER foja_foliar BEFORE INSERT ON folio FOR EACH ROW EXECUTE FUNCTION foja_foliar();
"""

# Columns of ``usuario`` a login role other than the administrador may change: his own password state and
# the lock-out counters that any desktop's login updates.
_USUARIO_EDITABLE = ("password_hash", "intentos_fallidos", "bloqueado_hasta", "debe_cambiar_clave", "row_version",
                     "updated_at", "updated_by")


def _roles() -> list[str]:
    sql = [f"""DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{GRUPO}') THEN CREATE ROLE {GRUPO} NOLOGIN; END IF;
END $$;"""]
    for rol in Rol:
        nombre = rol_pg(rol)
        sql.append(f"""DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{nombre}') THEN
        CREATE ROLE {nombre} NOLOGIN IN ROLE {GRUPO};
    END IF;
END $$;""")
    return sql


def _por_tabla() -> list[str]:
    sql: list[str] = []
    for t in tablas().values():
        n = t.nombre
        sql.append(f"DROP TRIGGER IF EXISTS foja_registrar ON {n};")
        for evento, tabla_t in (("INSERT", "NEW TABLE AS nuevas"), ("UPDATE", "NEW TABLE AS nuevas"),
                                ("DELETE", "OLD TABLE AS viejas")):
            sql.append(f"DROP TRIGGER IF EXISTS foja_registrar_{evento.lower()} ON {n};")
            sql.append(f"CREATE TRIGGER foja_registrar_{evento.lower()} AFTER {evento} ON {n} "
                       f"REFERENCING {tabla_t} FOR EACH STATEMENT EXECUTE FUNCTION foja_registrar();")
        sql.append(f"DROP TRIGGER IF EXISTS foja_solo_agregar ON {n};")
        if t.solo_agregar:
            sql.append(f"CREATE TRIGGER foja_solo_agregar BEFORE UPDATE OR DELETE ON {n} "
                       "FOR EACH ROW EXECUTE FUNCTION foja_solo_agregar();")
        sql += _solo_su_oficina(n)
        if n == "usuario":
            sql.append(f"GRANT SELECT ON usuario TO {GRUPO};")
            sql.append(f"GRANT UPDATE ({', '.join(_USUARIO_EDITABLE)}) ON usuario TO {GRUPO};")
            sql.append(f"GRANT INSERT, UPDATE, DELETE ON usuario TO {rol_pg(Rol.ADMINISTRADOR)};")
            # The jefe uploads a standalone office when it joins, with the users it already had.
            sql.append(f"GRANT INSERT ON usuario TO {rol_pg(Rol.JEFE)};")
        else:
            sql.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {n} TO {GRUPO};")
        # Deferrable foreign keys: a client transaction is applied in the order it was written.
        for fk in t.tabla.foreign_key_constraints:
            if fk.name:
                sql.append(f"ALTER TABLE {n} ALTER CONSTRAINT {fk.name} DEFERRABLE INITIALLY IMMEDIATE;")
    return sql



def _solo_su_oficina(n: str) -> list[str]:
    """Row-level security on table ``n``, forced even for its owner: each login sees and writes only the rows of
    its offices (the owner role, running ``central init``, all of them); the group role loses every grant, which
    the caller gives back as the table needs."""
    return [
        f"ALTER TABLE {n} ENABLE ROW LEVEL SECURITY;",
        f"ALTER TABLE {n} FORCE ROW LEVEL SECURITY;",
        f"DROP POLICY IF EXISTS foja_oficina ON {n};",
        f"CREATE POLICY foja_oficina ON {n} USING ((SELECT foja_es_propietario()) "
        f"OR office_id IN (SELECT unnest(foja_mis_oficinas()))) WITH CHECK ((SELECT foja_es_propietario()) "
        f"OR office_id IN (SELECT unnest(foja_mis_oficinas())));",
        f"REVOKE ALL ON {n} FROM {GRUPO};",
    ]


def _tablas_foja() -> list[str]:
    sql: list[str] = []
    for n in ("foja_cambio", "foja_mutacion", "foja_conflicto", "foja_blob_info", "foja_blob",
              "foja_auditoria_servidor"):
        sql += _solo_su_oficina(n)
    sql += [
        f"GRANT SELECT ON foja_cambio, foja_poda TO {GRUPO};",
        f"GRANT SELECT, INSERT ON foja_mutacion, foja_conflicto, foja_blob TO {GRUPO};",
        f"GRANT SELECT, INSERT, UPDATE ON foja_blob_info TO {GRUPO};",
        f"REVOKE ALL ON contador, foja_usuario_rol FROM {GRUPO};",
        f"GRANT SELECT ON alembic_version TO {GRUPO};",
        f"GRANT EXECUTE ON FUNCTION foja_mis_oficinas(), foja_es_propietario() TO {GRUPO};",
        "REVOKE EXECUTE ON FUNCTION foja_asignar(uuid, text, integer) FROM PUBLIC;",
        "REVOKE EXECUTE ON FUNCTION foja_completar_usuario(uuid, text, text, text, text, uuid) FROM PUBLIC;",
        f"GRANT EXECUTE ON FUNCTION foja_completar_usuario(uuid, text, text, text, text, uuid) TO {GRUPO};",
    ]
    return sql


_FUNCIONES_DEPOSITARIO = """
CREATE OR REPLACE FUNCTION foja_es_depositario() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(session_user, 'foja_depositario_judicial', 'MEMBER') AND NOT foja_es_propietario()
$$;
CREATE OR REPLACE FUNCTION foja_bienes_depositario() RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
    SELECT b.id FROM bien b JOIN depositario d ON d.id = b.depositario_id JOIN usuario u ON u.id = d.usuario_id
    JOIN foja_usuario_rol r ON r.rol_pg = session_user AND r.office_id = u.office_id
    WHERE u.login = session_user
$$;
CREATE OR REPLACE FUNCTION foja_expedientes_depositario() RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
    SELECT DISTINCT expediente_id FROM bien WHERE id IN (SELECT foja_bienes_depositario())
$$;
CREATE OR REPLACE FUNCTION foja_filas_depositario(p_columna text) RETURNS SETOF uuid LANGUAGE plpgsql STABLE
SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    -- deudor_id / titulo_id / secretario_id of his expedientes
    RETURN QUERY EXECUTE format('SELECT %I FROM expediente WHERE id IN (SELECT foja_expedientes_depositario())',
                                p_columna);
END $$;
"""

# Tables a depositario reads whole (his office's reference data); every other table is limited to the goods in
# his custody and their expedientes.
_REFERENCIA_DEPOSITARIO = frozenset({"oficina", "usuario", "secretario", "feriado_local", "tasa_interes",
                                     "depositario", "archivo", "importacion", "sorteo"})


def _condicion_depositario(t: TablaSync) -> str | None:
    """The rows of ``t`` a depositario may see, as SQL; None when he sees the office's (reference data)."""
    cols = set(t.tabla.c.keys())
    if t.nombre in _REFERENCIA_DEPOSITARIO:
        return None
    if t.nombre == "bien":
        return "id IN (SELECT foja_bienes_depositario())"
    if t.nombre == "expediente":
        return "id IN (SELECT foja_expedientes_depositario())"
    if "bien_id" in cols:
        return "bien_id IN (SELECT foja_bienes_depositario())"
    if "expediente_id" in cols:
        return "expediente_id IN (SELECT foja_expedientes_depositario())"
    if t.nombre == "deudor":
        return "id IN (SELECT foja_filas_depositario('deudor_id'))"
    if t.nombre == "titulo_credito":
        return "id IN (SELECT foja_filas_depositario('titulo_id'))"
    return "false"


def _depositario() -> list[str]:
    """design.md §3: "a depositario sees his custody". Only when the goods' tables exist."""
    if "bien" not in tablas() or "depositario" not in tablas():
        return []
    sql = [_FUNCIONES_DEPOSITARIO]
    cambio: list[str] = []
    for t in tablas().values():
        cond = _condicion_depositario(t)
        sql.append(f"DROP POLICY IF EXISTS foja_depositario ON {t.nombre};")
        if cond is None:
            cambio.append(f"tabla = '{t.nombre}'")
            continue
        sql.append(f"CREATE POLICY foja_depositario ON {t.nombre} AS RESTRICTIVE "
                   f"USING (NOT (SELECT foja_es_depositario()) OR {cond});")
        cambio.append(f"(tabla = '{t.nombre}' AND fila_id IN (SELECT id FROM {t.nombre}))")
    # The change log follows the same limits: an entry is readable when its row is (or was deleted).
    sql.append("DROP POLICY IF EXISTS foja_depositario ON foja_cambio;")
    sql.append("CREATE POLICY foja_depositario ON foja_cambio AS RESTRICTIVE USING (NOT (SELECT foja_es_depositario()) "
               f"OR operacion = 'DELETE' OR {' OR '.join(cambio)});")
    return sql


def sentencias() -> list[str]:
    """Every statement of the server-only parts, in order; idempotent (safe to run after each upgrade)."""
    return [_TABLAS_SERVIDOR, _FUNCIONES, *_roles(), _GUARDAS_SERVIDOR, *_por_tabla(), *_tablas_foja(),
            *_depositario()]
