package realtime

import "github.com/edgemetrics/fastly-datasource/pkg/query"

// PinPOPs keeps the columns of a per-POP stream without a POP filter stable: each service keeps every POP it has
// streamed and gains new ones as they appear, instead of following only the POPs with traffic in each pushed
// second (which would change the frame's schema, and reset the panel, on most pushes).
func (v *View) PinPOPs(bufs []*Buffer, from, to int64) {
	if v.Query.GroupBy != query.GroupByPOP || len(v.Query.POPs) > 0 {
		return
	}
	if v.pinned == nil {
		v.pinned = map[string][]string{}
	}
	for i, svc := range v.Services {
		v.pinned[svc.ID] = appendNew(v.pinned[svc.ID], bufs[i].POPs(from, to))
	}
}

// appendNew appends the codes not yet in list, keeping list's order.
func appendNew(list, codes []string) []string {
	seen := make(map[string]bool, len(list))
	for _, c := range list {
		seen[c] = true
	}
	for _, c := range codes {
		if !seen[c] {
			seen[c] = true
			list = append(list, c)
		}
	}
	return list
}
