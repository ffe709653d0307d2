// The console talks to the same GraphQL API as the apps. This first page checks that the API answers.
const status = document.getElementById('status');

async function checkApi() {
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: 'query ConsoleApiInfo { apiInfo { schemaVersion } }' }),
    });
    const result = await response.json();
    status.textContent = result.data
      ? `The service is running (API ${result.data.apiInfo.schemaVersion}).`
      : 'The service answered with an error.';
  } catch {
    status.textContent = 'The service cannot be reached.';
  }
}

checkApi();
