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

// morePOPs are the other public Fastly POPs; with pops they make the Fastly-sized list.
var morePOPs = []pop{
	newPOP("CPH", "Copenhagen", "Europe", "EU-Central", "europe", "Europe", 55.728081, 12.37752, "cph-copenhagen-dk"),
	newPOP("DUB", "Dublin", "Europe", "EU-West", "europe", "Europe", 53.421333, -6.270075, "dub-dublin-ie"),
	newPOP("FCO", "Rome", "Europe", "EU-Central", "europe", "Europe", 41.800278, 12.238889, ""),
	newPOP("HEL", "Helsinki", "Europe", "EU-Central", "europe", "Europe", 60.1699, 24.9384, "hel-helsinki-fi"),
	newPOP("HHN", "Frankfurt - Interxion", "Europe", "EU-Central", "europe", "Europe", 50.11975, 8.738472, "hhn-frankfurt-de"),
	newPOP("LCY", "London - LCY", "Europe", "EU-West", "europe", "Europe", 51.505278, 0.055278, "london_city-uk"),
	newPOP("LGW", "London - LGW", "Europe", "EU-West", "europe", "Europe", 51.153662, -0.182063, ""),
	newPOP("LON", "London - LON", "Europe", "EU-West", "europe", "Europe", 51.499, -0.011, "lon-london-uk"),
	newPOP("MAN", "Manchester", "Europe", "EU-West", "europe", "Europe", 53.4808, -2.2426, "man-manchester-uk"),
	newPOP("MRS", "Marseille", "Europe", "EU-West", "europe", "Europe", 43.311, 5.373, "mrs-marseille-fr"),
	newPOP("MUC", "Munich", "Europe", "EU-Central", "europe", "Europe", 48.353783, 11.786086, ""),
	newPOP("OSL", "Oslo", "Europe", "EU-Central", "europe", "Europe", 59.922, 10.809, "osl-oslo-no"),
	newPOP("VIE", "Vienna", "Europe", "EU-Central", "europe", "Europe", 48.269, 16.41, "vie-vienna-at"),
	newPOP("BOS", "Boston", "United States", "US-East", "usa", "North America", 42.364347, -71.005181, "bos-ma-us"),
	newPOP("BWI", "Ashburn - BWI", "United States", "US-East", "usa", "North America", 38.944533, -77.455811, "bwi-va-us"),
	newPOP("CHI", "Chicago - CHI", "United States", "US-Central", "usa", "North America", 41.9742, -87.9073, "chi-il-us"),
	newPOP("CMH", "Columbus", "United States", "US-East", "usa", "North America", 40.116, -83.002, ""),
	newPOP("DAL", "Dallas - DAL", "United States", "US-Central", "usa", "North America", 32.787, -96.794, "dal-tx-us"),
	newPOP("DCA", "Ashburn - DCA", "United States", "US-East", "usa", "North America", 38.851242, -77.040232, "dca-dc-us"),
	newPOP("DTW", "Detroit", "United States", "US-Central", "usa", "North America", 42.212444, -83.353389, ""),
	newPOP("EWR", "Newark", "United States", "US-East", "usa", "North America", 40.736844, -74.173402, ""),
	newPOP("FTY", "Atlanta - FTY", "United States", "US-East", "usa", "North America", 33.779189, -84.521361, "fty-ga-us"),
	newPOP("IAH", "Houston", "United States", "US-Central", "usa", "North America", 29.99022, -95.336783, "iah-tx-us"),
	newPOP("JAX", "Jacksonville", "United States", "US-East", "usa", "North America", 30.3322, -81.6557, "jax-fl-us"),
	newPOP("JFK", "New York City - JFK", "United States", "US-East", "usa", "North America", 40.639751, -73.778925, ""),
	newPOP("LAX", "Los Angeles - LAX", "United States", "US-West", "usa", "North America", 33.942536, -118.408075, ""),
	newPOP("LCK", "Columbus - LCK", "United States", "US-East", "usa", "North America", 39.813786, -82.927822, ""),
	newPOP("LGB", "Los Angeles (Metro)", "United States", "US-West", "usa", "North America", 33.817722, -118.151611, "lgb-ca-us"),
	newPOP("MCI", "Kansas City", "United States", "US-Central", "usa", "North America", 39.101, -94.581, ""),
	newPOP("MDW", "Chicago - MDW", "United States", "US-Central", "usa", "North America", 41.7867799, -87.7543771, "mdw-il-us"),
	newPOP("MSP", "Minneapolis", "United States", "US-Central", "usa", "North America", 44.971401, -93.254501, "msp-mn-us"),
	newPOP("PAO", "Palo Alto", "United States", "US-West", "usa", "North America", 37.454965, -122.110783, "pao-ca-us"),
	newPOP("PDK", "Atlanta - PDK", "United States", "US-East", "usa", "North America", 33.876819, -84.302921, ""),
	newPOP("PDX", "Portland", "United States", "US-West", "usa", "North America", 45.588722, -122.5975, ""),
	newPOP("PHX", "Phoenix", "United States", "US-West", "usa", "North America", 33.434278, -112.011583, ""),
	newPOP("PWK", "Chicago - PWK", "United States", "US-Central", "usa", "North America", 42.1171, -87.9011, "pwk-il-us"),
	newPOP("STL", "St. Louis", "United States", "US-Central", "usa", "North America", 38.629, -90.197, ""),
	newPOP("STP", "Minneapolis - STP", "United States", "US-Central", "usa", "North America", 44.934478, -93.059961, ""),
	newPOP("WDC", "Ashburn", "United States", "US-East", "usa", "North America", 39.022, -77.451, ""),
	newPOP("YUL", "Montreal", "United States", "North-America", "usa", "North America", 45.497497, -73.570959, ""),
	newPOP("YVR", "Vancouver", "United States", "North-America", "usa", "North America", 49.1967, -123.1815, ""),
	newPOP("CGH", "Sao Paulo - CGH", "South America", "SA-East", "southamerica_std", "South America", -23.626111, -46.656389, ""),
	newPOP("CWB", "Curitiba", "South America", "SA-East", "southamerica_std", "South America", -25.4809, -49.3044, ""),
	newPOP("EZE", "Buenos Aires", "South America", "SA-South", "southamerica_std", "South America", -34.815, -58.5348, ""),
	newPOP("FOR", "Fortaleza", "South America", "SA-East", "southamerica_std", "South America", -3.776283, -38.532556, ""),
	newPOP("GIG", "Rio de Janeiro", "South America", "SA-East", "southamerica_std", "South America", -22.81341, -43.249423, "gig-riodejaneiro-br"),
	newPOP("LIM", "Lima", "South America", "SA-North", "southamerica_std", "South America", -12.021889, -77.114319, ""),
	newPOP("FJR", "Fujairah Al Mahta", "Asia/Pacific", "Asia", "asia", "Asia", 25.112225, 56.323964, "fjr-ae"),
	newPOP("HND", "Tokyo - HND", "Asia/Pacific", "Asia", "asia", "Asia", 35.622281, 139.748426, "hnd-tokyo-jp"),
	newPOP("ITM", "Osaka", "Asia/Pacific", "Asia", "asia", "Asia", 34.785528, 135.438222, "osaka-jp"),
	newPOP("KUL", "Kuala Lumpur", "Asia/Pacific", "Asia", "asia", "Asia", 2.745578, 101.709917, ""),
	newPOP("MNL", "Manila", "Asia/Pacific", "Asia", "asia", "Asia", 14.508647, 121.019581, ""),
	newPOP("SIN", "Singapore", "Asia/Pacific", "Asia", "asia", "Asia", 1.350189, 103.994433, "singapore-sg"),
	newPOP("TYO", "Tokyo", "Asia/Pacific", "Asia", "asia", "Asia", 35.617, 139.748, "tyo-tokyo-jp"),
	newPOP("CCU", "Kolkata", "Asia/Pacific", "Asia-South", "asia_india", "India", 22.654739, 88.446722, ""),
	newPOP("DEL", "Delhi", "Asia/Pacific", "Asia-South", "asia_india", "India", 28.506912, 77.378557, "del-delhi-in"),
	newPOP("HYD", "Hyderabad", "Asia/Pacific", "Asia-South", "asia_india", "India", 17.231318, 78.429855, ""),
	newPOP("MAA", "Chennai", "Asia/Pacific", "Asia-South", "asia_india", "India", 12.9941, 80.1709, "maa-chennai-in"),
	newPOP("BNE", "Brisbane", "Asia/Pacific", "APAC", "anzac", "Australia", -27.384167, 153.1175, "brisbane-au"),
	newPOP("MEL", "Melbourne", "Asia/Pacific", "APAC", "anzac", "Australia", -37.673333, 144.843333, "melbourne-au"),
	newPOP("PER", "Perth", "Asia/Pacific", "APAC", "anzac", "Australia", -31.940278, 115.966944, "perth-au"),
	newPOP("WLG", "Wellington", "Asia/Pacific", "APAC", "anzac", "Australia", -41.327221, 174.805278, ""),
	newPOP("ACC", "Accra", "Africa", "Africa", "africa_std", "Africa", 5.605186, -0.166786, ""),
}

// fastlySizedPOPs is the full list the Fastly-sized mode serves: pops first, in their order, then morePOPs.
var fastlySizedPOPs = append(append([]pop(nil), pops...), morePOPs...)

func (s *Simulator) serveDatacenters(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.datacenters)
}
