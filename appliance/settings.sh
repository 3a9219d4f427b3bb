# Sourced by the appliance's scripts (launch, backup, restore): settings read the way the appliance reads
# them, and a plain HTTP call to the appliance on this machine with bash alone.

# A setting: the properties file TWOFOLD_CONFIG names, else the environment variable (upper case, dots
# and dashes as underscores), else the default. Only the plain "key=value" form is read here.
setting() {
  local key="$1" default="$2" variable value=""
  if [ -n "${TWOFOLD_CONFIG:-}" ]; then
    value=$(sed -n "s/^[[:space:]]*${key//./\\.}[[:space:]]*=[[:space:]]*//p" "$TWOFOLD_CONFIG" | tail -n 1 \
      | sed 's/[[:space:]]*$//')
  fi
  if [ -z "$value" ]; then
    variable=$(printf '%s' "$key" | tr 'a-z.-' 'A-Z__')
    value="${!variable:-}"
  fi
  printf '%s' "${value:-$default}"
}

fail() {
  echo "twofold: $*" >&2
  exit 78 # EX_CONFIG: systemd does not restart in a loop on an error a restart cannot fix
}

require_config_file() {
  if [ -n "${TWOFOLD_CONFIG:-}" ] && [ ! -r "$TWOFOLD_CONFIG" ]; then
    echo "TWOFOLD_CONFIG=$TWOFOLD_CONFIG is not a readable file" >&2
    exit 66
  fi
}

# The data directory as the appliance resolves it (relative to the directory it was started in).
data_directory() {
  setting twofold.data.dir "$PWD/data"
}

# The file of the H2 database (without .mv.db): twofold.db.url's file, else <data dir>/twofold.
h2_database_file() {
  local url
  url=$(setting twofold.db.url "")
  if [ -z "$url" ]; then
    printf '%s/twofold' "$(data_directory)"
  else
    url="${url#jdbc:h2:}"
    url="${url#file:}"
    printf '%s' "${url%%;*}"
  fi
}

# h2 or postgresql, from twofold.db.url.
database_kind() {
  local url
  url=$(setting twofold.db.url "")
  case "$url" in
    "" | jdbc:h2:*) echo h2 ;;
    jdbc:postgresql:*) echo postgresql ;;
    *) fail "twofold.db.url '$url' is neither jdbc:h2: nor jdbc:postgresql:" ;;
  esac
}

# Exports PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD (and PGSSLMODE) for pg_dump and pg_restore.
postgresql_environment() {
  local url rest host_port query
  url=$(setting twofold.db.url "")
  rest="${url#jdbc:postgresql:}"
  query=""
  [[ "$rest" == *\?* ]] && query="${rest#*\?}"
  rest="${rest%%\?*}"
  if [[ "$rest" == //* ]]; then
    rest="${rest#//}"
    host_port="${rest%%/*}"
    export PGDATABASE="${rest#*/}"
    export PGHOST="${host_port%:*}"
    if [[ "$host_port" == *:* ]]; then export PGPORT="${host_port##*:}"; else export PGPORT=5432; fi
  else
    export PGHOST=localhost PGPORT=5432 PGDATABASE="$rest"
  fi
  export PGUSER PGPASSWORD
  PGUSER=$(setting twofold.db.user "")
  PGPASSWORD=$(setting twofold.db.password "")
  if [[ "&$query&" =~ \&sslmode=([a-z-]+)\& ]]; then
    export PGSSLMODE="${BASH_REMATCH[1]}"
  fi
}

# The appliance's plain HTTP port on this machine.
http_port() {
  setting twofold.http.port 8080
}

# "<status code> <body>" of an HTTP/1.0 request to the appliance on 127.0.0.1; fails when nothing answers.
# Arguments: method, path, and optionally a bearer token.
local_request() {
  local method="$1" path="$2" token="${3:-}" response status
  { exec 3<> "/dev/tcp/127.0.0.1/$(http_port)"; } 2> /dev/null || return 1
  {
    printf '%s %s HTTP/1.0\r\nHost: localhost\r\nContent-Length: 0\r\n' "$method" "$path"
    [ -n "$token" ] && printf 'Authorization: Bearer %s\r\n' "$token"
    printf '\r\n'
  } >&3
  response=$(cat <&3)
  exec 3<&-
  status=$(printf '%s' "$response" | head -n 1 | cut -d ' ' -f 2)
  printf '%s %s' "$status" "$(printf '%s' "$response" | sed '1,/^\r\{0,1\}$/d')"
}

# Whether the appliance answers on this machine at all.
appliance_answers() {
  local answer
  answer=$(local_request GET /health/live) || return 1
  [ -n "${answer%% *}" ]
}
