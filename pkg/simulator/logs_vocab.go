package simulator

import "strings"

// logPage is one URL path of a service's site and how requests for it look.
type logPage struct {
	path        string
	contentType string
	size        float64 // body size relative to the service's mean body
	dynamic     bool    // never cached: passes, synthetic errors and POSTs land here
	weight      float64 // popularity
}

// pageCatalogues are the sites the simulated services serve, chosen by the first label of the service name.
var pageCatalogues = map[string][]logPage{
	"www": {
		{"/", "text/html", 0.6, false, 30}, {"/index.html", "text/html", 0.6, false, 8},
		{"/about", "text/html", 0.5, false, 3}, {"/blog", "text/html", 0.7, false, 5},
		{"/blog/scaling-the-edge", "text/html", 0.9, false, 4}, {"/blog/cache-keys", "text/html", 0.9, false, 2},
		{"/pricing", "text/html", 0.5, false, 4}, {"/docs", "text/html", 0.8, false, 6},
		{"/docs/getting-started", "text/html", 1.1, false, 5}, {"/search", "text/html", 0.4, true, 5},
		{"/login", "text/html", 0.3, true, 3}, {"/account", "text/html", 0.4, true, 2},
		{"/assets/app.js", "application/javascript", 3, false, 20}, {"/assets/app.css", "text/css", 1.2, false, 18},
		{"/assets/logo.svg", "image/svg+xml", 0.2, false, 15}, {"/images/hero.jpg", "image/jpeg", 6, false, 10},
		{"/fonts/inter.woff2", "font/woff2", 2, false, 9}, {"/favicon.ico", "image/x-icon", 0.1, false, 7},
		{"/robots.txt", "text/plain", 0.02, false, 1}, {"/api/session", "application/json", 0.05, true, 6},
	},
	"api": {
		{"/v1/users", "application/json", 1, true, 20}, {"/v1/users/me", "application/json", 0.4, true, 25},
		{"/v1/orders", "application/json", 1.6, true, 14}, {"/v1/orders/recent", "application/json", 1.2, true, 9},
		{"/v1/products", "application/json", 2, true, 18}, {"/v1/products/search", "application/json", 1.8, true, 11},
		{"/v1/cart", "application/json", 0.6, true, 8}, {"/v1/checkout", "application/json", 0.5, true, 4},
		{"/v1/health", "application/json", 0.05, true, 6}, {"/v2/graphql", "application/json", 1.4, true, 10},
		{"/v1/auth/token", "application/json", 0.2, true, 5}, {"/v1/recommendations", "application/json", 2.5, true, 7},
	},
	"static": {
		{"/js/vendor.js", "application/javascript", 2.5, false, 20}, {"/js/main.js", "application/javascript", 1.5, false, 18},
		{"/css/site.css", "text/css", 0.6, false, 16}, {"/css/print.css", "text/css", 0.1, false, 2},
		{"/fonts/roboto.woff2", "font/woff2", 0.9, false, 9}, {"/img/sprite.png", "image/png", 1.4, false, 8},
		{"/video/intro.mp4", "video/mp4", 20, false, 2}, {"/js/analytics.js", "application/javascript", 0.4, false, 12},
		{"/manifest.json", "application/json", 0.02, false, 4}, {"/sw.js", "application/javascript", 0.1, false, 5},
		{"/purge-status", "application/json", 0.01, true, 1},
	},
	"shop": {
		{"/", "text/html", 0.8, false, 20}, {"/products", "text/html", 1, false, 14},
		{"/products/red-shoes", "text/html", 1.1, false, 8}, {"/products/blue-jacket", "text/html", 1.1, false, 6},
		{"/products/green-hat", "text/html", 1.1, false, 3}, {"/category/sale", "text/html", 1, false, 7},
		{"/cart", "text/html", 0.5, true, 9}, {"/checkout", "text/html", 0.6, true, 5},
		{"/checkout/payment", "application/json", 0.1, true, 3}, {"/search", "text/html", 0.7, true, 8},
		{"/static/shop.js", "application/javascript", 2, false, 12}, {"/static/shop.css", "text/css", 0.8, false, 10},
		{"/img/products/red-shoes.webp", "image/webp", 3, false, 9},
	},
	"img": {
		{"/i/banner-1600.webp", "image/webp", 1.5, false, 15}, {"/i/banner-800.webp", "image/webp", 0.6, false, 20},
		{"/i/product-1.jpg", "image/jpeg", 1, false, 12}, {"/i/product-2.jpg", "image/jpeg", 1, false, 9},
		{"/i/product-3.jpg", "image/jpeg", 1, false, 7}, {"/i/avatar.png", "image/png", 0.2, false, 10},
		{"/i/thumb/product-1.jpg", "image/jpeg", 0.15, false, 14}, {"/i/thumb/product-2.jpg", "image/jpeg", 0.15, false, 11},
		{"/i/original/hero.tiff", "image/tiff", 12, false, 1}, {"/resize", "image/jpeg", 0.8, true, 4},
	},
	"": {
		{"/", "text/html", 0.7, false, 25}, {"/index.html", "text/html", 0.7, false, 5},
		{"/news", "text/html", 1, false, 8}, {"/news/latest", "text/html", 1, false, 6},
		{"/contact", "text/html", 0.4, true, 2}, {"/main.js", "application/javascript", 2, false, 15},
		{"/main.css", "text/css", 0.8, false, 13}, {"/logo.png", "image/png", 0.5, false, 11},
		{"/api/items", "application/json", 0.9, true, 6}, {"/feed.xml", "application/xml", 1.2, false, 3},
	},
}

// missingPages are the paths scanners and stale links ask for; 404s mostly go to them.
var missingPages = []logPage{
	{"/wp-login.php", "text/html", 0.05, true, 4}, {"/.env", "text/html", 0.05, true, 3},
	{"/old-page.html", "text/html", 0.05, true, 2}, {"/apple-touch-icon.png", "text/html", 0.05, true, 3},
}

// pageCatalogue is the site a service serves.
func pageCatalogue(serviceName string) []logPage {
	label, _, _ := strings.Cut(serviceName, ".")
	if pages, ok := pageCatalogues[label]; ok {
		return pages
	}
	return pageCatalogues[""]
}

// logCountry is a client country with its ISO 3166-2 subdivisions.
type logCountry struct {
	code    string
	weight  float64
	regions []string
	asns    []logAS
}

// logAS is an autonomous system clients connect from.
type logAS struct {
	number int
	name   string
}

// countriesByRegion are the client countries behind each stats region's traffic.
var countriesByRegion = map[string][]logCountry{
	"usa": {
		{"US", 0.86, []string{"US-CA", "US-NY", "US-TX", "US-VA", "US-WA", "US-IL", "US-FL"},
			[]logAS{{7922, "COMCAST-7922"}, {7018, "ATT-INTERNET4"}, {701, "UUNET"}, {16509, "AMAZON-02"}}},
		{"CA", 0.14, []string{"CA-ON", "CA-QC", "CA-BC"}, []logAS{{812, "ROGERS-COMMUNICATIONS"}, {577, "BACOM"}}},
	},
	"europe": {
		{"GB", 0.24, []string{"GB-ENG", "GB-SCT"}, []logAS{{2856, "BT-UK-AS"}, {5089, "NTL"}}},
		{"DE", 0.22, []string{"DE-BE", "DE-BY", "DE-HE", "DE-NW"}, []logAS{{3320, "DTAG"}, {3209, "VODANET"}}},
		{"FR", 0.18, []string{"FR-IDF", "FR-ARA"}, []logAS{{3215, "FRANCE-TELECOM"}, {12322, "PROXAD"}}},
		{"NL", 0.1, []string{"NL-NH", "NL-ZH"}, []logAS{{1136, "KPN"}}},
		{"ES", 0.1, []string{"ES-MD", "ES-CT"}, []logAS{{3352, "TELEFONICA-DATA-ESPANA"}}},
		{"IT", 0.09, []string{"IT-25", "IT-62"}, []logAS{{3269, "ASN-IBSNAZ"}}},
		{"SE", 0.07, []string{"SE-AB"}, []logAS{{3301, "TELIANET-SWEDEN"}}},
	},
	"asia": {
		{"JP", 0.48, []string{"JP-13", "JP-27"}, []logAS{{2516, "KDDI"}, {4713, "OCN"}}},
		{"SG", 0.22, []string{"SG-01"}, []logAS{{9506, "SINGTEL-FIBRE"}}},
		{"HK", 0.3, []string{"HK-HCW"}, []logAS{{4760, "HKTIMS-AP"}}},
	},
	"asia_india": {
		{"IN", 1, []string{"IN-MH", "IN-KA", "IN-DL"}, []logAS{{55836, "RELIANCEJIO-IN"}, {24560, "AIRTELBROADBAND-AS-AP"}}},
	},
	"asia_southkorea": {{"KR", 1, []string{"KR-11", "KR-26"}, []logAS{{4766, "KIXS-AS-KR"}}}},
	"anzac": {
		{"AU", 0.8, []string{"AU-NSW", "AU-VIC", "AU-QLD"}, []logAS{{1221, "ASN-TELSTRA"}}},
		{"NZ", 0.2, []string{"NZ-AUK", "NZ-WGN"}, []logAS{{9790, "ONE-NZ"}}},
	},
	"mexico":           {{"MX", 1, []string{"MX-CMX", "MX-JAL", "MX-NLE"}, []logAS{{8151, "UNINET"}}}},
	"southamerica_std": {{"BR", 0.6, []string{"BR-SP", "BR-RJ"}, []logAS{{28573, "CLARO"}}}, {"AR", 0.2, []string{"AR-C"}, []logAS{{7303, "TELECOM-ARGENTINA"}}}, {"CL", 0.2, []string{"CL-RM"}, []logAS{{7418, "TELEFONICA-CHILE"}}}},
	"africa_std":       {{"ZA", 0.7, []string{"ZA-GT", "ZA-WC"}, []logAS{{37457, "TELKOM-SA"}}}, {"NG", 0.3, []string{"NG-LA"}, []logAS{{29465, "MTN-NG"}}}},
}

// logClient is a kind of client: device, operating system, browser and, for crawlers, the bot.
type logClient struct {
	device, os, osVersion, browser, browserVersion string
	botName, botCategory                           string
	weight                                         float64
}

// logClients are the clients requests come from, with their shares.
var logClients = []logClient{
	{"desktop", "Windows", "10", "Chrome", "126.0", "", "", 0.17},
	{"desktop", "Windows", "11", "Chrome", "125.0", "", "", 0.09},
	{"desktop", "Windows", "10", "Edge", "126.0", "", "", 0.07},
	{"desktop", "Windows", "10", "Firefox", "127.0", "", "", 0.04},
	{"desktop", "Mac OS X", "14.5", "Safari", "17.5", "", "", 0.06},
	{"desktop", "Mac OS X", "14.5", "Chrome", "126.0", "", "", 0.06},
	{"desktop", "Linux", "", "Firefox", "127.0", "", "", 0.02},
	{"mobile", "iOS", "17.5", "Mobile Safari", "17.5", "", "", 0.17},
	{"mobile", "iOS", "16.7", "Mobile Safari", "16.6", "", "", 0.04},
	{"mobile", "Android", "14", "Chrome Mobile", "126.0", "", "", 0.13},
	{"mobile", "Android", "13", "Samsung Internet", "25.0", "", "", 0.04},
	{"tablet", "iOS", "17.5", "Mobile Safari", "17.5", "", "", 0.04},
	{"tablet", "Android", "14", "Chrome Mobile", "126.0", "", "", 0.01},
	{"desktop", "Other", "", "Googlebot", "2.1", "Googlebot", "SEARCH_ENGINE_CRAWLER", 0.03},
	{"desktop", "Other", "", "bingbot", "2.0", "bingbot", "SEARCH_ENGINE_CRAWLER", 0.01},
	{"desktop", "Other", "", "AhrefsBot", "7.0", "AhrefsBot", "SEO_CRAWLER", 0.01},
	{"desktop", "Other", "", "curl", "8.7", "", "", 0.01},
}

// reasons503 are the reasons Fastly gives with a 503, weighted.
var reasons503 = []struct {
	reason string
	weight float64
}{
	{"Service Unavailable", 0.35}, {"first byte timeout", 0.3}, {"backend read error", 0.2},
	{"Connection refused", 0.1}, {"No healthy backends", 0.05},
}

// statusReasons are the reason phrases of the status codes records carry.
var statusReasons = map[int]string{
	101: "Switching Protocols", 200: "OK", 201: "Created", 204: "No Content", 206: "Partial Content",
	301: "Moved Permanently", 302: "Found", 304: "Not Modified", 307: "Temporary Redirect",
	400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 410: "Gone",
	416: "Range Not Satisfiable", 429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented",
	502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout", 505: "HTTP Version Not Supported",
	508: "Loop Detected",
}

// logProtocols are the request protocols with their shares.
var logProtocols = []struct {
	name   string
	weight float64
}{{"HTTP/2", 0.58}, {"HTTP/1.1", 0.34}, {"HTTP/3", 0.08}}
