package simulator

import "net/http"

// serveServiceVersions answers GET /service/{id}/version: the same versions /service lists for the service, as a
// bare JSON array (Fastly does not paginate it).
func (s *Simulator) serveServiceVersions(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	i, ok := s.byID[id]
	if !ok {
		writeServiceNotFound(w, id)
		return
	}
	writeJSON(w, http.StatusOK, s.serviceJSON(i, s.now()).Versions)
}
