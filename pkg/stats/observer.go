package stats

// Observer is told what the engine's bucket cache and stitching do, for the plugin's own metrics.
type Observer interface {
	// CacheLookup reports one series looked up in the cache: hit when it held usable buckets of the range.
	CacheLookup(hit bool)
	// CacheEvicted reports a series dropped from the cache to stay within its size.
	CacheEvicted()
	// Stitch reports, once per answered query, what stitching did.
	Stitch(o StitchOutcome)
}

// noObserver ignores everything; it is the default.
type noObserver struct{}

var _ Observer = noObserver{}

func (noObserver) CacheLookup(bool)     {}
func (noObserver) CacheEvicted()        {}
func (noObserver) Stitch(StitchOutcome) {}
