package realtime

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
)

// dimensionSep joins a host or domain and a field into one key of an inspector buffer.
const dimensionSep = "\x1f"

// ReadInspector returns the buffer of one inspector product of a service (one poller per service and product,
// shared by every reader), starting the poller if needed and waiting for its first answer. Keys of the buffer
// are per host or domain: read them with DimensionSeries.
func (h *Hub) ReadInspector(ctx context.Context, p fastlyapi.Product, serviceID string) (*Buffer, Status, error) {
	iu, ok := h.up.(InspectorUpstream)
	if !ok {
		return nil, Status{}, ErrNoInspectorUpstream
	}
	pl, err := h.acquireFeed(string(p)+"/"+serviceID, serviceID, inspectorFeed{up: iu, product: p}, false, true)
	if err != nil {
		return nil, Status{}, err
	}
	return h.await(ctx, pl, pl.buf, pl.ready)
}

// DimensionSeries sums fields per host or domain over the seconds of [from, to] the buffer covers: one series
// per name (and per POP when byPOP), Dimensions holding dim → name (and "datacenter" → POP), Values[i] the i-th
// field at each of Timestamps. Seconds without any of the fields are left out (zero traffic).
func (b *Buffer) DimensionSeries(dim string, from, to int64, fields []string, byPOP bool) []fastlyapi.InspectorSeries {
	b.mu.RLock()
	defer b.mu.RUnlock()
	acc := seriesAccumulator{dim: dim, want: b.dimensionFields(fields), n: len(fields), byKey: map[string]*fastlyapi.InspectorSeries{}}
	b.eachBlock(from, to, func(bl *block, mask uint64) {
		if !byPOP {
			acc.addSeries(bl.minute, mask, bl.sumView(), "")
			return
		}
		bl.eachPOP(func(pop uint16, v seriesView) { acc.addSeries(bl.minute, mask, v, b.popIDs.names[pop]) })
	})
	return acc.sorted()
}

// dimensionField is what one buffer key holds: a field (column) of one host or domain.
type dimensionField struct {
	name string
	col  int
}

// dimensionFields maps the keys of the wanted fields to their host or domain and column.
func (b *Buffer) dimensionFields(fields []string) map[uint16]dimensionField {
	col := make(map[string]int, len(fields))
	for i, f := range fields {
		col[f] = i
	}
	out := map[uint16]dimensionField{}
	for id, key := range b.fields.names {
		name, field, ok := strings.Cut(key, dimensionSep)
		if i, wanted := col[field]; ok && wanted {
			out[uint16(id)] = dimensionField{name: name, col: i}
		}
	}
	return out
}

// seriesAccumulator builds one series per name (and POP) from the samples of successive seconds.
type seriesAccumulator struct {
	dim   string
	want  map[uint16]dimensionField
	n     int
	byKey map[string]*fastlyapi.InspectorSeries
}

// dimensionValue is one wanted non-zero value of a series.
type dimensionValue struct {
	sec uint8
	key uint16
	v   float64
}

// addSeries adds the wanted values of a block's series in the seconds of mask, second by second.
func (a *seriesAccumulator) addSeries(minute int64, mask uint64, v seriesView, pop string) {
	var secs [blockSeconds]uint8
	v.seconds(&secs)
	var found []dimensionValue
	v.eachColumn(func(key uint16, r columnReader) {
		if _, ok := a.want[key]; !ok {
			return
		}
		r.each(func(entry int, x float64) {
			if s := secs[entry]; x != 0 && mask&(1<<s) != 0 {
				found = append(found, dimensionValue{sec: s, key: key, v: x})
			}
		})
	})
	slices.SortStableFunc(found, func(x, y dimensionValue) int { return cmp.Compare(x.sec, y.sec) })
	for _, f := range found {
		a.add(f.key, f.v, pop, minute+int64(f.sec))
	}
}

// add adds the value of key at second t.
func (a *seriesAccumulator) add(key uint16, v float64, pop string, t int64) {
	df := a.want[key]
	s := a.series(df.name, pop)
	last := len(s.Timestamps) - 1
	if last < 0 || s.Timestamps[last] != t {
		s.Timestamps = append(s.Timestamps, t)
		for i := range s.Values {
			s.Values[i] = append(s.Values[i], 0)
		}
		last++
	}
	s.Values[df.col][last] += v
}

func (a *seriesAccumulator) series(name, pop string) *fastlyapi.InspectorSeries {
	key := name + dimensionSep + pop
	s := a.byKey[key]
	if s == nil {
		s = &fastlyapi.InspectorSeries{Dimensions: map[string]string{a.dim: name}, Values: make([][]float64, a.n)}
		if pop != "" {
			s.Dimensions[fastlyapi.DimensionPOP] = pop
		}
		a.byKey[key] = s
	}
	return s
}

func (a *seriesAccumulator) sorted() []fastlyapi.InspectorSeries {
	keys := make([]string, 0, len(a.byKey))
	for k := range a.byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]fastlyapi.InspectorSeries, len(keys))
	for i, k := range keys {
		out[i] = *a.byKey[k]
	}
	return out
}
