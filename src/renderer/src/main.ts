import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createDefaultBridge } from './bridge'
import { startApp } from './stores/app'
import './styles/themes.css'
import './styles/base.css'

const app = createApp(App)
app.use(createPinia())
// Subscribe and load state before mounting finishes its first paint; the app shows "Loading…" meanwhile.
void startApp(createDefaultBridge())
app.mount('#app')
