// express-session with its default store: the MemoryStore keeps every session it saves and never prunes one, so
// every visitor without a cookie adds one for good. No line of the app makes them: the pages are served by
// express.static, and the session is saved as the response ends. The line to change sets the store up.
const path = require('path');
const express = require('express');
const session = require('express-session');

const app = express();
app.use(session({ secret: 'a test app, not a secret', resave: false, saveUninitialized: true }));
app.use(express.static(path.join(__dirname, 'express-session-pages')));

app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('express-session listening'));
