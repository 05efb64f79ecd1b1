window.YTD.account.part0 = [ {
  "account" : {
    "phoneNumber" : "+15555555555",
    "email" : "swillison@example.com",
    "createdVia" : "web",
    "username" : "simonw",
    "accountId" : "12497",
    "createdAt" : "2006-11-15T13:18:50.000Z",
    "accountDisplayName" : "Simon Willison"
  }
} ]