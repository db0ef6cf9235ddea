export default defineBackground(() => {
  // Message routing, storage and reminders arrive with the access-record work (issue 4).
});
