package main

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Platforms are the os_arch pairs Grafana runs on; each needs a backend binary in the zip.
var Platforms = []string{"linux_amd64", "linux_arm64", "linux_arm", "darwin_amd64", "darwin_arm64", "windows_amd64"}

// pluginMeta is what the packager reads from dist/plugin.json.
type pluginMeta struct {
	ID         string `json:"id"`
	Executable string `json:"executable"`
	Info       struct {
		Version string `json:"version"`
	} `json:"info"`
}

// Package zips dist into dist/<id>-<version>.zip and returns the zip's path.
func Package(dist string) (string, error) {
	meta, err := readMeta(dist)
	if err != nil {
		return "", err
	}
	if err := checkBinaries(dist, meta.Executable); err != nil {
		return "", err
	}
	name := meta.ID + "-" + meta.Info.Version + ".zip"
	out := filepath.Join(dist, name)
	tmp := out + ".tmp"
	if err := writeZip(dist, tmp, meta.ID); err != nil {
		_ = os.Remove(tmp)
		return "", err
	}
	return out, os.Rename(tmp, out)
}

func readMeta(dist string) (pluginMeta, error) {
	var m pluginMeta
	raw, err := os.ReadFile(filepath.Join(dist, "plugin.json"))
	if err != nil {
		return m, fmt.Errorf("%w (run make build first)", err)
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return m, fmt.Errorf("dist/plugin.json: %w", err)
	}
	if m.ID == "" || m.Executable == "" || m.Info.Version == "" || strings.Contains(m.Info.Version, "%") {
		return m, fmt.Errorf("dist/plugin.json needs id, executable and a built info.version (got %q, %q, %q)", m.ID, m.Executable, m.Info.Version)
	}
	return m, nil
}

// BinaryName is the backend binary's file name for one os_arch platform.
func BinaryName(executable, platform string) string {
	name := executable + "_" + platform
	if strings.HasPrefix(platform, "windows_") {
		name += ".exe"
	}
	return name
}

func checkBinaries(dist, executable string) error {
	var missing []string
	for _, p := range Platforms {
		if _, err := os.Stat(filepath.Join(dist, BinaryName(executable, p))); err != nil {
			missing = append(missing, BinaryName(executable, p))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("dist lacks %s (make build builds every platform)", strings.Join(missing, ", "))
	}
	return nil
}

// writeZip writes every file of dist, except the packages themselves, under the top folder.
func writeZip(dist, out, top string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	walkErr := filepath.WalkDir(dist, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dist, p)
		if isPackage(rel, top) {
			return nil
		}
		return addEntry(zw, p, path.Join(top, filepath.ToSlash(rel)), d)
	})
	if err := zw.Close(); walkErr == nil {
		walkErr = err
	}
	if err := f.Close(); walkErr == nil {
		walkErr = err
	}
	return walkErr
}

// isPackage tells whether a dist path is a zip this command wrote, of any version.
func isPackage(rel, id string) bool {
	base := strings.TrimSuffix(rel, ".tmp")
	return !strings.ContainsRune(rel, filepath.Separator) && strings.HasPrefix(base, id+"-") && strings.HasSuffix(base, ".zip")
}

// EntryMode is the mode of a zip entry: folders and gpx_* binaries 0755, other files 0644.
func EntryMode(name string, dir bool) fs.FileMode {
	switch {
	case dir:
		return fs.ModeDir | 0o755
	case strings.HasPrefix(path.Base(name), "gpx_"):
		return 0o755
	default:
		return 0o644
	}
}

func addEntry(zw *zip.Writer, src, name string, d fs.DirEntry) error {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate}
	if d.IsDir() {
		h.Name += "/"
		h.Method = zip.Store
	}
	h.SetMode(EntryMode(name, d.IsDir()))
	if info, err := d.Info(); err == nil {
		h.Modified = info.ModTime()
	}
	w, err := zw.CreateHeader(h)
	if err != nil || d.IsDir() {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	_, err = io.Copy(w, in)
	return err
}
