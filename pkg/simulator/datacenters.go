package simulator

import "net/http"

// pop is one Fastly point of presence as /datacenters serves it.
type pop struct {
	Code          string      `json:"code"`
	Name          string      `json:"name"`
	Group         string      `json:"group"`
	Region        string      `json:"region"`
	StatsRegion   string      `json:"stats_region"`
	BillingRegion string      `json:"billing_region"`
	Coordinates   coordinates `json:"coordinates"`
	Shield        string      `json:"shield,omitempty"`
}

type coordinates struct {
	X         float64 `json:"x"`
	Y         float64 `json:"y"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

func newPOP(code, name, group, region, statsRegion, billingRegion string, lat, lon float64, shield string) pop {
	return pop{
		Code: code, Name: name, Group: group, Region: region, StatsRegion: statsRegion, BillingRegion: billingRegion,
		Coordinates: coordinates{Latitude: lat, Longitude: lon}, Shield: shield,
	}
}

// pops is a subset of Fastly's public POPs covering every stats region.
var pops = []pop{
	newPOP("AMS", "Amsterdam", "Europe", "EU-West", "europe", "Europe", 52.308613, 4.763889, "amsterdam-nl"),
	newPOP("BMA", "Stockholm", "Europe", "EU-Central", "europe", "Europe", 59.354372, 17.94165, "stockholm-bma"),
	newPOP("CDG", "Paris", "Europe", "EU-West", "europe", "Europe", 48.928051, 2.35189, "cdg-par-fr"),
	newPOP("FRA", "Frankfurt", "Europe", "EU-Central", "europe", "Europe", 50.026421, 8.543125, "frankfurt-de"),
	newPOP("LHR", "London - LHR", "Europe", "EU-West", "europe", "Europe", 51.4775, -0.461389, "london-uk"),
	newPOP("MAD", "Madrid", "Europe", "EU-West", "europe", "Europe", 40.439323, -3.621211, "mad-madrid-es"),
	newPOP("MXP", "Milan", "Europe", "EU-Central", "europe", "Europe", 45.4642, 9.19, "mxp-milan-it"),
	newPOP("ATL", "Atlanta", "United States", "US-East", "usa", "North America", 33.636719, -84.428067, "atl-ga-us"),
	newPOP("BUR", "Los Angeles - BUR", "United States", "US-West", "usa", "North America", 34.198312, -118.357404, "bur-ca-us"),
	newPOP("DEN", "Denver", "United States", "US-Central", "usa", "North America", 39.861656, -104.673178, "den-co-us"),
	newPOP("DFW", "Dallas", "United States", "US-Central", "usa", "North America", 32.896828, -97.037997, "dallas-tx-us"),
	newPOP("IAD", "Ashburn (Metro)", "United States", "US-East", "usa", "North America", 38.944533, -77.455811, ""),
	newPOP("LGA", "New York City - LGA", "United States", "US-East", "usa", "North America", 40.639751, -73.778925, "lga-ny-us"),
	newPOP("MIA", "Miami", "United States", "US-East", "usa", "North America", 25.79325, -80.290556, "miami-fl-us"),
	newPOP("ORD", "Chicago", "United States", "US-Central", "usa", "North America", 41.978603, -87.904842, ""),
	newPOP("SEA", "Seattle", "United States", "US-West", "usa", "North America", 47.449, -122.309306, "sea-wa-us"),
	newPOP("SJC", "San Jose", "United States", "US-West", "usa", "North America", 37.3626, -121.929022, "sjc-ca-us"),
	newPOP("YYZ", "Toronto", "United States", "North-America", "usa", "North America", 43.677223, -79.630556, "yyz-on-ca"),
	newPOP("QRO", "Queretaro", "Mexico", "MX-Central", "mexico", "Mexico", 20.5888, -100.3899, ""),
	newPOP("BOG", "Bogota", "South America", "SA-North", "southamerica_std", "South America", 4.711, -74.072, "bog-bogota-co"),
	newPOP("GRU", "Sao Paulo", "South America", "SA-East", "southamerica_std", "South America", -23.432075, -46.469511, "gru-br-sa"),
	newPOP("SCL", "Santiago", "South America", "SA-South", "southamerica_std", "South America", -33.3936, -70.7935, ""),
	newPOP("HKG", "Hong Kong", "Asia/Pacific", "Asia", "asia", "Asia", 22.308919, 113.914603, "hongkong-hk"),
	newPOP("NRT", "Tokyo - NRT", "Asia/Pacific", "Asia", "asia", "Asia", 35.617, 139.748, "nrt-tokyo-jp"),
	newPOP("QPG", "Singapore", "Asia/Pacific", "Asia", "asia", "Asia", 1.350189, 103.994433, "qpg-singapore-sg"),
	newPOP("BOM", "Mumbai", "Asia/Pacific", "Asia-South", "asia_india", "India", 18.975, 72.825833, "bom-mumbai-in"),
	newPOP("ICN", "Seoul", "Asia/Pacific", "Asia", "asia_southkorea", "South Korea", 36.38, 128.124, "icn-seoul-kr"),
	newPOP("AKL", "Auckland", "Asia/Pacific", "APAC", "anzac", "Australia", -37.008056, 174.791667, "auckland-akl"),
	newPOP("SYD", "Sydney", "Asia/Pacific", "APAC", "anzac", "Australia", -33.946111, 151.177222, "sydney-au"),
	newPOP("CPT", "Cape Town", "Africa", "South-Africa", "africa_std", "Africa", -33.97, 18.464, "cpt-capetown-za"),
	newPOP("JNB", "Johannesburg", "Africa", "South-Africa", "africa_std", "Africa", -26.13778, 28.19756, "jnb-johannesburg-za"),
}

func (s *Simulator) serveDatacenters(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, pops)
}
