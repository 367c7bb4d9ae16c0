package mariadb

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// ErrNotInstalled says the MariaDB server binaries are missing.
var ErrNotInstalled = errors.New("mariadb server binaries not found")

// Binaries are the programs needed to run a sandbox.
type Binaries struct {
	Server    string // mariadbd
	InstallDB string // mariadb-install-db
}

// FindBinaries locates mariadbd and mariadb-install-db on PATH and in the
// Debian locations (/usr/sbin, /usr/bin). The error says how to install
// them.
func FindBinaries() (Binaries, error) {
	server, err := find("mariadbd", "mysqld")
	if err != nil {
		return Binaries{}, err
	}
	install, err := find("mariadb-install-db", "mysql_install_db")
	if err != nil {
		return Binaries{}, err
	}
	return Binaries{Server: server, InstallDB: install}, nil
}

func find(names ...string) (string, error) {
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
		for _, dir := range []string{"/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/mysql/bin"} {
			p := filepath.Join(dir, n)
			if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
				return p, nil
			}
		}
	}
	return "", fmt.Errorf("%w: %s is not on PATH or in /usr/sbin; install it with "+
		"`apt-get install mariadb-server` (Debian/Ubuntu, as root) or `scripts/mariadb install`", ErrNotInstalled, names[0])
}
