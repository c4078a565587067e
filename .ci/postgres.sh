#!/usr/bin/env bash
# Run a command against PostgreSQL: `.ci/postgres.sh COMMAND [ARGS...]`, e.g.
# `.ci/postgres.sh .venv/bin/pytest` or `DJANGO_INSECURE_HTTP=1 .ci/postgres.sh make serve`.
#
# With DATABASE_URL already set, the command runs against that server. Otherwise a
# throw-away PostgreSQL server is started on 127.0.0.1 (Debian's `postgresql` package is
# installed first when missing), DATABASE_URL points at it for the command, and the server
# and its files are removed afterwards, whatever the command's outcome.
#
# PG_TEST_PORT picks the port (default: a free one).
set -euo pipefail

if [ "$#" -eq 0 ]; then
	echo "usage: $0 COMMAND [ARGS...]" >&2
	exit 2
fi

if [ -n "${DATABASE_URL:-}" ]; then
	echo "PostgreSQL: using DATABASE_URL from the environment."
	exec "$@"
fi

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(bindir)" ] || [ ! -x "$(bindir)/initdb" ]; then
	echo "Installing Debian package: postgresql"
	$SUDO apt-get update
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y postgresql
fi
BIN="$(bindir)"

PORT="${PG_TEST_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
DIR="$(mktemp -d -t orgdesign-pg.XXXXXX)"
PASSWORD="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"

# initdb refuses to run as root: the server runs as the `postgres` user, in a folder it owns.
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

stop() {
	as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$DIR"
}
trap stop EXIT

[ "$(id -u)" = 0 ] && chown postgres "$DIR"
printf '%s\n' "$PASSWORD" > "$DIR/pwfile"
[ "$(id -u)" = 0 ] && chown postgres "$DIR/pwfile"
as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --pwfile="$DIR/pwfile" \
	--auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
rm -f "$DIR/pwfile"
# A test server: no durability needed, so no fsync (much faster on a busy disk).
OPTIONS="-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start -o "$OPTIONS" \
	>/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
# An empty database for the command (the tests make their own test database beside it).
as_owner "$BIN/createdb" -h "$DIR" -p "$PORT" -U postgres orgdesign
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') started on 127.0.0.1:$PORT for this run."

export DATABASE_URL="postgres://postgres:$PASSWORD@127.0.0.1:$PORT/orgdesign"
# For fault tests that stop and start this server: `$ORGDESIGN_PG_CTL stop|start`.
cat > "$DIR/ctl" <<CTL
#!/usr/bin/env bash
set -e
case "\$1" in
	stop) $( [ "$(id -u)" = 0 ] && echo "runuser -u postgres --" ) "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null ;;
	start) $( [ "$(id -u)" = 0 ] && echo "runuser -u postgres --" ) "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w start -o "$OPTIONS" >/dev/null ;;
	*) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
CTL
chmod +x "$DIR/ctl"
export ORGDESIGN_PG_CTL="$DIR/ctl"
status=0
"$@" || status=$?
exit "$status"
