package main

import (
	"archive/zip"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const pluginID = "edgemetrics-fastly-datasource"

// fakeDist writes a small dist: plugin.json, a manifest, a module and one fake binary per platform.
func fakeDist(t *testing.T) string {
	dist := t.TempDir()
	write := func(name, body string, mode os.FileMode) {
		p := filepath.Join(dist, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), mode))
	}
	write("plugin.json", `{"id":"`+pluginID+`","executable":"gpx_fastly","info":{"version":"1.2.3"}}`, 0o644)
	write("go_plugin_build_manifest", "abc:pkg/main.go\n", 0o755)
	write("module.js", "export {}", 0o644)
	write("img/logo.svg", "<svg/>", 0o644)
	write(pluginID+"-1.2.2.zip", "an older package", 0o644)
	for _, p := range Platforms {
		write(BinaryName("gpx_fastly", p), "binary", 0o600)
	}
	return dist
}

// zipEntries opens a package and returns its entries by name.
func zipEntries(t *testing.T, file string) map[string]*zip.File {
	r, err := zip.OpenReader(file)
	require.NoError(t, err)
	t.Cleanup(func() { _ = r.Close() })
	byName := map[string]*zip.File{}
	for _, f := range r.File {
		byName[f.Name] = f
	}
	return byName
}

// assertLayout checks one top folder named for the id, plugin.json, the manifest and six 0755 binaries.
func assertLayout(t *testing.T, entries map[string]*zip.File) {
	for name := range entries {
		assert.True(t, strings.HasPrefix(name, pluginID+"/"), "%s is under the top folder", name)
		assert.False(t, strings.HasSuffix(name, ".zip"), "%s: no package inside the package", name)
	}
	require.Contains(t, entries, pluginID+"/plugin.json")
	require.Contains(t, entries, pluginID+"/go_plugin_build_manifest")
	for _, p := range Platforms {
		name := path.Join(pluginID, BinaryName("gpx_fastly", p))
		require.Contains(t, entries, name)
		assert.Equal(t, os.FileMode(0o755), entries[name].Mode().Perm(), name)
		assert.True(t, entries[name].Mode().IsRegular(), name)
	}
	assert.Contains(t, entries, pluginID+"/gpx_fastly_windows_amd64.exe")
	assert.Equal(t, os.FileMode(0o644), entries[pluginID+"/plugin.json"].Mode().Perm())
}

func TestPackageFakeDist(t *testing.T) {
	dist := fakeDist(t)
	out, err := Package(dist)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dist, pluginID+"-1.2.3.zip"), out)
	entries := zipEntries(t, out)
	assertLayout(t, entries)
	assert.Contains(t, entries, pluginID+"/img/logo.svg")

	_, err = Package(dist)
	require.NoError(t, err, "packaging again skips the earlier package")
	assertLayout(t, zipEntries(t, out))
}

func TestPackageRefusesMissingPlatforms(t *testing.T) {
	dist := fakeDist(t)
	require.NoError(t, os.Remove(filepath.Join(dist, "gpx_fastly_linux_arm64")))
	_, err := Package(dist)
	assert.ErrorContains(t, err, "dist lacks gpx_fastly_linux_arm64")
}

func TestPackageRefusesUnbuiltVersion(t *testing.T) {
	dist := fakeDist(t)
	require.NoError(t, os.WriteFile(filepath.Join(dist, "plugin.json"), []byte(`{"id":"x","executable":"gpx_fastly","info":{"version":"%VERSION%"}}`), 0o644))
	_, err := Package(dist)
	assert.ErrorContains(t, err, "built info.version")
}

// TestPackageRealDist checks the package make package wrote, when there is one.
func TestPackageRealDist(t *testing.T) {
	zips, _ := filepath.Glob(filepath.Join("..", "..", "dist", pluginID+"-*.zip"))
	if len(zips) == 0 {
		t.Skip("no package in dist: run make package")
	}
	entries := zipEntries(t, zips[len(zips)-1])
	assertLayout(t, entries)
	assert.Contains(t, entries, pluginID+"/module.js")
	m, err := entries[pluginID+"/go_plugin_build_manifest"].Open()
	require.NoError(t, err)
	defer m.Close()
	body := make([]byte, 1<<16)
	n, _ := m.Read(body)
	assert.Contains(t, string(body[:n]), ":pkg/main.go", "the manifest hashes the Go sources the binaries are built from")
}
