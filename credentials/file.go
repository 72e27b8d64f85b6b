package credentials

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/multicloud-go/multicloud/signer"
)

// maxFileSize bounds what is read from a credentials or config file. The real
// files are a few hundred bytes.
const maxFileSize = 1 << 20

// fileProvider reads credentials from one file. It only ever reads: no
// directory or default file is created when the file is missing.
type fileProvider struct {
	// display names the file in "not found" messages when its path cannot be
	// worked out (no home directory), e.g. "$HOME/.volcengine/credentials".
	display string
	// locate returns the path to read, or "" and why there is none.
	locate func() (path, why string)
	// extract parses the file's bytes into its credentials and place.
	extract func(path string, data []byte) (fileSettings, error)
}

func (p *fileProvider) Retrieve(ctx context.Context) (signer.Credentials, error) {
	if err := checkContext(ctx); err != nil {
		return signer.Credentials{}, err
	}
	return credentialsOf(p.settings())
}

// locateFile is the usual locate of a fileProvider: path when it is given,
// else the file the variable envVar names (no variable when ""), else rel
// under the home directory; or "" and why there is no home directory.
func locateFile(o *options, path, envVar string, rel ...string) func() (string, string) {
	return func() (string, string) {
		if path != "" {
			return path, ""
		}
		if envVar != "" {
			if p := o.getenv(envVar); p != "" {
				return p, ""
			}
		}
		home, why := o.home()
		if home == "" {
			return "", why
		}
		return filepath.Join(append([]string{home}, rel...)...), ""
	}
}

// settings reads and parses the file: its settings, or the error Retrieve
// would give for the file itself. A file that is not there (no path, no such
// file) is an error wrapping ErrNotFound.
func (p *fileProvider) settings() (fileSettings, error) {
	path, why := p.locate()
	if path == "" {
		return fileSettings{}, notFound("file " + p.display + " (" + why + ")")
	}
	data, err := readFile(path)
	if err != nil {
		return fileSettings{}, err
	}
	return p.extract(path, data)
}

// readFile reads a credentials file. A file that does not exist is "not
// found"; one that cannot be read, is not a regular file or is too large is
// "invalid". Errors name the path and the cause, which hold no secret.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, notFound("file " + path + " (does not exist)")
		}
		return nil, invalidf("cannot open %s: %v", path, pathCause(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, invalidf("cannot stat %s: %v", path, pathCause(err))
	}
	if !st.Mode().IsRegular() {
		return nil, invalidf("%s is not a regular file", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, invalidf("cannot read %s: %v", path, pathCause(err))
	}
	if len(data) > maxFileSize {
		return nil, invalidf("%s is larger than %d bytes", path, maxFileSize)
	}
	return data, nil
}

// pathCause strips the path from an *fs.PathError, which the caller prints
// itself.
func pathCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// defaultPlace returns the region or zone: the first of vars that is set,
// else the first file, in the order of the cloud's credential chain, that
// names one for its profile. The search stops at the file the chain would
// take its credentials from (or stop at, when they are unusable): a later
// file is not the credentials' source, so its place is not used and its
// errors do not matter, as they do not to the chain. A file that cannot be
// read or parsed before that point gives the error the chain would give; a
// file that lacks the profile selected by name is passed over, as the
// chain passes it, and its error returned when no later file has it.
func defaultPlace(o *options, vars []string, files ...*fileProvider) (string, error) {
	if v, _ := firstSet(o.lookupEnv, vars); v != "" {
		return v, nil
	}
	var missing error // the first file that lacked the named profile, as in Chain
	for _, f := range files {
		s, err := f.settings()
		if isMissingProfile(err) {
			if missing == nil {
				missing = err
			}
			continue
		}
		place, perr := placeOf(s, err)
		if place != "" || perr != nil {
			return place, perr
		}
		if err == nil && !errors.Is(s.credsErr, ErrNotFound) {
			return "", nil // the chain ends here
		}
	}
	return "", missing
}
