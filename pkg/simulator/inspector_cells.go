package simulator

import (
	"slices"
	"sync"
)

// inspectorCacheBuckets bounds the buckets kept by the inspector cell cache (an origins minute bucket of a
// three-host service is 93 cells × 92 fields × 8 bytes, about 68 KiB, so at most about 17 MiB).
const inspectorCacheBuckets = 256

// inspectorFieldSet numbers a product's cell fields, so a cell's values are a vector instead of a map.
type inspectorFieldSet struct {
	names []string
	index map[string]int
}

// inspectorFields are the field sets of the products, taken from the generators' own keys.
var inspectorFields = map[string]*inspectorFieldSet{
	productOrigins: newInspectorFieldSet(originCellValues(&serviceProfile{}, 1000, &rng{state: 1})),
	productDomains: newInspectorFieldSet(domainCellValues(&serviceProfile{}, 1000, 0, &rng{state: 1})),
}

func newInspectorFieldSet(sample map[string]int64) *inspectorFieldSet {
	fs := &inspectorFieldSet{index: map[string]int{}}
	for name := range sample {
		fs.names = append(fs.names, name)
	}
	slices.Sort(fs.names)
	for i, name := range fs.names {
		fs.index[name] = i
	}
	return fs
}

// positions are the vector positions of fields, -1 for a field the product does not have.
func (fs *inspectorFieldSet) positions(fields []string) []int {
	out := make([]int, len(fields))
	for i, f := range fields {
		if p, ok := fs.index[f]; ok {
			out[i] = p
		} else {
			out[i] = -1
		}
	}
	return out
}

// vector is values laid out by the field set.
func (fs *inspectorFieldSet) vector(values map[string]int64) []int64 {
	v := make([]int64, len(fs.names))
	for name, x := range values {
		v[fs.index[name]] = x
	}
	return v
}

// cellVector is a cell's value at a position; 0 without traffic or for a field the product does not have.
func cellVector(v []int64, pos int) int64 {
	if v == nil || pos < 0 {
		return 0
	}
	return v[pos]
}

// inspectorBucketKey names one bucket of one product of one service.
type inspectorBucketKey struct {
	product        string
	service        int
	step, bucketAt int64
}

// inspectorCellCache keeps the cell vectors of recently read buckets, oldest bucket dropped first; the values are
// deterministic, so the cache only saves regenerating them for every request and ground-truth check.
type inspectorCellCache struct {
	mu      sync.Mutex
	buckets map[inspectorBucketKey]*inspectorBucket
	order   []inspectorBucketKey
}

// inspectorBucket holds the vectors of a bucket's cells (index name*len(pops)+pop, nil without traffic), each
// generated the first time it is read.
type inspectorBucket struct {
	mu        sync.Mutex
	cells     [][]int64
	generated []bool
}

// bucketCells are the bucket's cell vectors, with at least the given cells generated; callers read only those
// cells and never modify them.
func (s *Simulator) bucketCells(product string, service int, g granularity, t int64, want []inspectorCell) [][]int64 {
	b := s.cellCache.bucket(inspectorBucketKey{product: product, service: service, step: g.step, bucketAt: t}, len(s.InspectorNames(product, s.services[service].ID)))
	b.mu.Lock()
	defer b.mu.Unlock()
	fields := inspectorFields[product]
	for _, cell := range want {
		i := cell.name*len(pops) + cell.pop
		if b.generated[i] {
			continue
		}
		if values := s.inspectorCellValues(product, service, cell, g, t); values != nil {
			b.cells[i] = fields.vector(values)
		}
		b.generated[i] = true
	}
	return b.cells
}

// bucket is the cached bucket of key, created (and the oldest dropped beyond inspectorCacheBuckets) if missing.
func (c *inspectorCellCache) bucket(key inspectorBucketKey, names int) *inspectorBucket {
	c.mu.Lock()
	defer c.mu.Unlock()
	if b, ok := c.buckets[key]; ok {
		return b
	}
	if c.buckets == nil {
		c.buckets = map[inspectorBucketKey]*inspectorBucket{}
	}
	if len(c.order) >= inspectorCacheBuckets {
		delete(c.buckets, c.order[0])
		c.order = c.order[1:]
	}
	b := &inspectorBucket{cells: make([][]int64, names*len(pops)), generated: make([]bool, names*len(pops))}
	c.buckets[key] = b
	c.order = append(c.order, key)
	return b
}

// cellAt is the vector of a cell in its bucket's cells.
func cellAt(cells [][]int64, cell inspectorCell) []int64 { return cells[cell.name*len(pops)+cell.pop] }
